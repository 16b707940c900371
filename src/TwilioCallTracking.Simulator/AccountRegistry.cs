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
        var copy = new SimulatedAccount
        {
            Sid = account.Sid,
            AuthToken = account.AuthToken,
            FriendlyName = account.FriendlyName,
            PhoneNumbers = [.. account.PhoneNumbers.Select(n => n.Clone())],
        };
        _accounts[account.Sid] = new Entry(copy, time.GetUtcNow());
    }

    public (SimulatedAccount Account, DateTimeOffset Created)? Find(string accountSid) =>
        _accounts.TryGetValue(accountSid, out var entry) ? (Snapshot(entry.Account), entry.Created) : null;

    /// <summary>The account whose SID and token these are, compared in constant time; <see langword="null"/> otherwise.</summary>
    public SimulatedAccount? Authenticate(string accountSid, string authToken)
    {
        if (!_accounts.TryGetValue(accountSid, out var entry))
        {
            return null;
        }

        var expected = Encoding.UTF8.GetBytes(entry.Account.AuthToken);
        var given = Encoding.UTF8.GetBytes(authToken);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? Snapshot(entry.Account) : null;
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
            return new SimulatedAccount
            {
                Sid = account.Sid,
                AuthToken = account.AuthToken,
                FriendlyName = account.FriendlyName,
                PhoneNumbers = [.. account.PhoneNumbers.Select(n => n.Clone())],
            };
        }
    }

    private sealed record Entry(SimulatedAccount Account, DateTimeOffset Created);
}
