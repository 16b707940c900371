using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace TwilioCallTracking.Simulator;

/// <summary>The accounts the simulator accepts and their numbers; numbers change under a lock and leave as copies.</summary>
internal sealed class AccountRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _accounts = new(StringComparer.Ordinal);
    private readonly Lock _numbersLock = new();

    public void Add(SimulatedAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(account.Sid);
        ArgumentException.ThrowIfNullOrEmpty(account.AuthToken);
        var copy = Copy(account);
        _accounts[account.Sid] = new Entry(copy, time.GetUtcNow());
    }

    public (SimulatedAccount Account, DateTimeOffset Created)? Find(string accountSid) =>
        _accounts.TryGetValue(accountSid, out var entry) ? (Snapshot(entry.Account), entry.Created) : null;

    /// <summary>
    /// The account <paramref name="accountSid"/> when <paramref name="user"/> and <paramref name="password"/> are its SID
    /// and auth token, or one of its API keys' SID and secret, compared in constant time; <see langword="null"/> otherwise.
    /// </summary>
    public SimulatedAccount? Authenticate(string accountSid, string user, string password)
    {
        if (!_accounts.TryGetValue(accountSid, out var entry))
        {
            return null;
        }

        var expected = string.Equals(user, accountSid, StringComparison.Ordinal) ? entry.Account.AuthToken
            : entry.Account.ApiKeys.TryGetValue(user, out var secret) ? secret
            : null;
        return expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(password))
            ? Snapshot(entry.Account)
            : null;
    }

    /// <summary>The account that owns <paramref name="phoneNumber"/> and a copy of the number.</summary>
    public (SimulatedAccount Account, SimulatedPhoneNumber Number)? FindByPhoneNumber(string phoneNumber)
    {
        lock (_numbersLock)
        {
            foreach (var entry in _accounts.Values)
            {
                if (entry.Account.PhoneNumbers.FirstOrDefault(n => n.PhoneNumber == phoneNumber) is { } number)
                {
                    return (Snapshot(entry.Account), number.Clone());
                }
            }
        }

        return null;
    }

    public void AddPhoneNumber(string accountSid, SimulatedPhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var entry = _accounts.TryGetValue(accountSid, out var found)
            ? found
            : throw new InvalidOperationException($"The simulator knows no account '{accountSid}': add it first with TwilioSimulator.AddAccount or TwilioSimulatorOptions.Accounts.");
        lock (_numbersLock)
        {
            entry.Account.PhoneNumbers.Add(number.Clone());
        }
    }

    /// <summary>Changes one of the account's numbers (found by SID); returns a copy after the change, or <see langword="null"/>.</summary>
    public SimulatedPhoneNumber? UpdatePhoneNumber(string accountSid, string numberSid, Action<SimulatedPhoneNumber> update)
    {
        if (!_accounts.TryGetValue(accountSid, out var entry))
        {
            return null;
        }

        lock (_numbersLock)
        {
            var number = entry.Account.PhoneNumbers.FirstOrDefault(n => n.Sid == numberSid);
            if (number is null)
            {
                return null;
            }

            update(number);
            return number.Clone();
        }
    }

    private SimulatedAccount Snapshot(SimulatedAccount account)
    {
        lock (_numbersLock)
        {
            return Copy(account);
        }
    }

    private static SimulatedAccount Copy(SimulatedAccount account) => new()
    {
        Sid = account.Sid,
        AuthToken = account.AuthToken,
        FriendlyName = account.FriendlyName,
        ApiKeys = new Dictionary<string, string>(account.ApiKeys, StringComparer.Ordinal),
        PhoneNumbers = [.. account.PhoneNumbers.Select(n => n.Clone())],
    };

    private sealed record Entry(SimulatedAccount Account, DateTimeOffset Created);
}
