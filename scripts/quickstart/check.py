#!/usr/bin/env python3
"""Helpers of scripts/quickstart-check.sh (standard library only).

  check.py block FILE NAME               print the ```csharp block that follows <!-- quickstart:NAME … --> in FILE
  check.py same-blocks ROOT              every marked block in src/*/README.md equals README.md's block of that name
  check.py free-port                     print a free loopback port
  check.py wait-up URL PID SECONDS       wait until URL answers (any HTTP status); fail if PID exits first
  check.py webhooks BASE TENANT SID TOKEN NUMBER FORWARD   send a signed inbound call, its completed status and a forged
                                         request; check the answers; print the call's SID
  check.py read-call sqlite FILE CALLSID         print "status direction from to events" of the stored call
  check.py read-call postgres PSQL PORT DB CALLSID
  check.py package-source NUGET_PACKAGES PACKAGES_FOLDER   fail unless every TwilioCallTracking* package restored is
                                         byte for byte one of PACKAGES_FOLDER's .nupkg files
"""
import base64, glob, hashlib, hmac, os, re, socket, sqlite3, subprocess, sys, time, urllib.error, urllib.parse, urllib.request


def fail(message):
    sys.exit(f"quickstart-check: {message}")


def block(path, name):
    text = open(path, encoding="utf-8").read()
    match = re.search(r"<!-- quickstart:" + re.escape(name) + r"\b[^>]*-->\n```csharp\n(.*?)\n```", text, re.DOTALL)
    if not match:
        fail(f"{path} has no ```csharp block after <!-- quickstart:{name} … -->")
    return match.group(1) + "\n"


def same_blocks(root):
    readme = os.path.join(root, "README.md")
    checked = 0
    for path in sorted(glob.glob(os.path.join(root, "src", "*", "README.md"))):
        for name in re.findall(r"<!-- quickstart:([\w-]+)", open(path, encoding="utf-8").read()):
            if name == "simulator-test":
                continue
            if block(path, name) != block(readme, name):
                fail(f"the quickstart:{name} block of {os.path.relpath(path, root)} differs from README.md's: keep them identical")
            checked += 1
    print(f"quickstart-check: {checked} package README blocks are identical to README.md's")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url, pid, seconds):
    deadline = time.monotonic() + float(seconds)
    while time.monotonic() < deadline:
        try:
            os.kill(int(pid), 0)
        except OSError:
            fail(f"the app (pid {pid}) exited before it answered {url}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    fail(f"the app did not answer {url} within {seconds} s")


def signature(token, url, params):
    # Twilio's algorithm: the full URL, then each parameter name and value, sorted by name; HMAC-SHA1, base64.
    data = url + "".join(k + v for k, v in sorted(params, key=lambda p: p[0]))
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


def post(url, params, signature_value):
    body = urllib.parse.urlencode(params).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature_value, "User-Agent": "TwilioProxy/1.1"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def webhooks(base, tenant, account_sid, token, number, forward):
    call_sid = "CA" + os.urandom(16).hex()
    caller = "+14155550123"
    common = [("AccountSid", account_sid), ("ApiVersion", "2010-04-01"), ("CallSid", call_sid), ("Called", number),
              ("Caller", caller), ("Direction", "inbound"), ("From", caller), ("FromCountry", "US"), ("To", number), ("ToCountry", "US")]
    answer_url = base + "/api/twilio/voice/answer"
    answer = common + [("CallStatus", "ringing")]
    status, body = post(answer_url, answer, signature(token, answer_url, answer))
    if status != 200 or "<Dial" not in body or forward not in body:
        fail(f"the signed answer webhook got {status}, not TwiML that dials {forward}: {body[:500]}")
    print(f"quickstart-check: answer webhook for {tenant}: 200, TwiML dials {forward}")

    forged_status, _ = post(answer_url, answer, signature("not-the-tenants-token", answer_url, answer))
    if forged_status != 403:
        fail(f"a webhook signed with another token got {forged_status}, not 403")
    print("quickstart-check: a webhook signed with another token: 403")

    status_url = base + "/api/twilio/voice/status"
    completed = common + [("CallStatus", "completed"), ("CallDuration", "42"), ("Duration", "1"), ("SequenceNumber", "3"),
                          ("CallbackSource", "call-progress-events"), ("SipResponseCode", "200"),
                          ("Timestamp", time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()))]
    status, body = post(status_url, completed, signature(token, status_url, completed))
    if status not in (200, 204):
        fail(f"the signed completed status callback got {status}: {body[:500]}")
    print(f"quickstart-check: completed status callback: {status}")
    print(call_sid)


def read_call(kind, *args):
    if kind == "sqlite":
        path, call_sid = args
        with sqlite3.connect(path) as db:
            row = db.execute("select id, status, direction, from_number, to_number from calls where twilio_call_sid = ?", (call_sid,)).fetchone()
            if row is None:
                fail(f"no call {call_sid} in {path}")
            events = db.execute("select count(*) from call_events where call_id = ?", (row[0],)).fetchone()[0]
    else:
        psql, port, database, call_sid = args
        def query(sql):
            return subprocess.run([psql, "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", database, "-AtF", " ", "-c", sql],
                                  check=True, capture_output=True, text=True).stdout.strip()
        line = query(f"select id, status, direction, from_number, to_number from calls where twilio_call_sid = '{call_sid}'")
        if not line:
            fail(f"no call {call_sid} in PostgreSQL database {database}")
        row = line.split(" ")
        events = int(query(f"select count(*) from call_events where call_id = '{row[0]}'"))
    print(" ".join(str(v) for v in row[1:]) + f" events={events}")


def package_source(nuget_packages, folder):
    ours = {base64.b64encode(hashlib.sha512(open(p, "rb").read()).digest()).decode(): os.path.basename(p)
            for p in glob.glob(os.path.join(folder, "*.nupkg"))}
    restored = glob.glob(os.path.join(nuget_packages, "twiliocalltracking*", "*", "*.nupkg.sha512"))
    if not restored:
        fail(f"no TwilioCallTracking package was restored into {nuget_packages}")
    for path in restored:
        if open(path).read().strip() not in ours:
            fail(f"{path} is not one of the packages just packed in {folder}")
    print(f"quickstart-check: {len(restored)} TwilioCallTracking packages restored, each the one just packed")


if __name__ == "__main__":
    command, arguments = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "block" and len(arguments) == 2:
        sys.stdout.write(block(*arguments))
    elif command == "same-blocks" and len(arguments) == 1:
        same_blocks(*arguments)
    elif command == "free-port":
        print(free_port())
    elif command == "wait-up" and len(arguments) == 3:
        wait_up(*arguments)
    elif command == "webhooks" and len(arguments) == 6:
        webhooks(*arguments)
    elif command == "read-call" and len(arguments) >= 3:
        read_call(*arguments)
    elif command == "package-source" and len(arguments) == 2:
        package_source(*arguments)
    else:
        sys.exit(__doc__)
