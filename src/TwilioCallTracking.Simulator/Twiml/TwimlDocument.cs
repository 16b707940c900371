using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace TwilioCallTracking.Simulator.Twiml;

/// <summary>A parsed TwiML <c>&lt;Response&gt;</c>: its verbs in order.</summary>
internal sealed record TwimlDocument(IReadOnlyList<TwimlVerb> Verbs)
{
    private static readonly XmlReaderSettings ReaderSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    /// <summary>Parses TwiML; <paramref name="error"/> says why when it returns <see langword="null"/>.</summary>
    public static TwimlDocument? Parse(string? xml, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(xml))
        {
            error = "the answer had no TwiML (12100 Document parse failure)";
            return null;
        }

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            error = $"the TwiML is not well-formed XML (12100 Document parse failure): {ex.Message}";
            return null;
        }

        if (document.Root is not { Name.LocalName: "Response" } root)
        {
            error = "the TwiML's root element is not <Response> (12100 Document parse failure)";
            return null;
        }

        return new TwimlDocument([.. root.Elements().Select(ParseVerb)]);
    }

    private static TwimlVerb ParseVerb(XElement element) => element.Name.LocalName switch
    {
        "Say" => new SayVerb(element.Value, Int(element, "loop", 1)),
        "Pause" => new PauseVerb(Int(element, "length", 1)),
        "Play" => new PlayVerb(Int(element, "loop", 1)),
        "Gather" => new GatherVerb(Int(element, "timeout", 5), [.. element.Elements().Select(ParseVerb)]),
        "Hangup" => new HangupVerb(),
        "Reject" => new RejectVerb(Attr(element, "reason") ?? "rejected"),
        "Redirect" => new RedirectVerb(element.Value.Trim(), Method(element, "method")),
        "Dial" => ParseDial(element),
        var name => new UnsupportedVerb(name),
    };

    private static DialVerb ParseDial(XElement dial)
    {
        var numbers = dial.Elements()
            .Where(e => e.Name.LocalName == "Number")
            .Select(n => new DialNumber(
                n.Value.Trim(),
                Attr(n, "statusCallback"),
                Method(n, "statusCallbackMethod"),
                Events(Attr(n, "statusCallbackEvent"), "completed")))
            .ToList();
        var text = string.Concat(dial.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        if (text.Length > 0)
        {
            numbers.Add(new DialNumber(text, null, "POST", ["completed"]));
        }

        return new DialVerb
        {
            Action = Attr(dial, "action"),
            Method = Method(dial, "method"),
            TimeoutSeconds = Math.Clamp(Int(dial, "timeout", 30), 5, 600),
            TimeLimitSeconds = Int(dial, "timeLimit", 14400),
            CallerId = Attr(dial, "callerId"),
            Record = Attr(dial, "record") switch
            {
                null or "false" => "do-not-record",
                "true" => "record-from-answer",
                var mode => mode,
            },
            RecordingStatusCallback = Attr(dial, "recordingStatusCallback"),
            RecordingStatusCallbackMethod = Method(dial, "recordingStatusCallbackMethod"),
            RecordingStatusCallbackEvents = Events(Attr(dial, "recordingStatusCallbackEvent"), "completed"),
            Numbers = numbers,
            UnsupportedNouns = [.. dial.Elements().Select(e => e.Name.LocalName).Where(n => n != "Number")],
        };
    }

    private static string? Attr(XElement element, string name) => element.Attribute(name)?.Value is { Length: > 0 } value ? value : null;

    private static string Method(XElement element, string name) =>
        string.Equals(Attr(element, name), "GET", StringComparison.OrdinalIgnoreCase) ? "GET" : "POST";

    private static int Int(XElement element, string name, int fallback) =>
        int.TryParse(Attr(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string[] Events(string? value, string fallback) =>
        value is null ? [fallback] : value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
