using Xunit;
using static TwilioCallTracking.StoreTests.StoreTestData;

namespace TwilioCallTracking.StoreTests;

/// <summary>
/// What every <see cref="ICallStore"/> must do. Derive from it with your store, and your test project runs every test
/// the library's own stores pass (in-memory, SQLite, PostgreSQL). Each test works in tenants of its own, so one database
/// can serve the whole class (share it through an <c>IClassFixture</c>).
/// </summary>
/// <example>
/// <code>
/// public sealed class MyCallStoreTests(MyDatabase database) : CallStoreContractTests, IClassFixture&lt;MyDatabase&gt;
/// {
///     protected override Task&lt;ICallStore&gt; GetStoreAsync() =&gt; Task.FromResult&lt;ICallStore&gt;(new MyCallStore(database.ConnectionString));
/// }
/// </code>
/// </example>
public abstract class CallStoreContractTests
{
    /// <summary>
    /// The store under test, asked for once by each test; it may return the same store every time. Throw
    /// <c>Xunit.SkipException</c> (<c>Skip.If</c>) when its database is not available here to skip the test.
    /// </summary>
    protected abstract Task<ICallStore> GetStoreAsync();

    /// <summary>Create, new call: stores it with its first event at version one.</summary>
    [SkippableFact]
    public async Task Create_NewCall_StoresItWithItsFirstEventAtVersionOne()
    {
        var store = await GetStoreAsync();
        var call = NewCall(NewTenant(), configure: c =>
        {
            c.ParentCallSid = NewSid("CA");
            c.Direction = CallDirection.Inbound;
            c.TwilioDirection = "outbound-dial";
            c.Status = CallStatus.InProgress;
            c.DurationSeconds = 61;
            c.RecordingSid = NewSid("RE");
            c.RecordingUrl = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1";
            c.RecordingDurationSeconds = 59;
            c.Price = -0.01300m;
            c.PriceUnit = "USD";
            c.ContactId = Guid.NewGuid();
            c.ContactAmbiguous = true;
            c.UserId = "user-7";
            c.DialCallStatus = "completed";
            c.AnsweredAt = T0.AddSeconds(5);
            c.EndedAt = T0.AddSeconds(66);
            c.ErrorCode = 31005;
            c.ErrorMessage = "Connection error";
            c.Version = 99;
        });
        var first = NewEvent(call, "inbound-answered");

        var result = await store.CreateAsync(call, first);

        Assert.True(result.Created);
        Assert.Equal(1, result.Call!.Version);
        var expected = call with { };
        expected.Version = 1;
        Assert.Equal(Snapshot(expected), Snapshot(result.Call));
        Assert.Equal(Snapshot(expected), Snapshot((await store.FindByIdAsync(call.TenantId, call.Id))!));
        Assert.Equal(Snapshot(expected), Snapshot((await store.FindBySidAsync(call.TenantId, call.TwilioCallSid!))!));
        AssertSameEvent(first, Assert.Single(await store.ListEventsAsync(call.TenantId, call.Id)));
    }

    /// <summary>Create, Twilio retries the answer webhook: returns the existing call and writes nothing.</summary>
    [SkippableFact]
    public async Task Create_TwilioRetriesTheAnswerWebhook_ReturnsTheExistingCallAndWritesNothing()
    {
        var store = await GetStoreAsync();
        var call = NewCall(NewTenant());
        await store.CreateAsync(call, NewEvent(call, "inbound-answered"));
        var retry = NewCall(call.TenantId, call.TwilioCallSid, T0.AddSeconds(1), c => c.From = "+15005550006");

        var result = await store.CreateAsync(retry, NewEvent(retry, "inbound-answered"));

        Assert.False(result.Created);
        Assert.Equal(call.Id, result.Call!.Id);
        Assert.Equal(call.From, result.Call.From);
        Assert.Null(await store.FindByIdAsync(call.TenantId, retry.Id));
        Assert.Single(await store.ListEventsAsync(call.TenantId, call.Id));
        Assert.Empty(await store.ListEventsAsync(call.TenantId, retry.Id));
    }

    /// <summary>Create, SID of another tenant: returns no call and writes nothing.</summary>
    [SkippableFact]
    public async Task Create_SidOfAnotherTenant_ReturnsNoCallAndWritesNothing()
    {
        var store = await GetStoreAsync();
        var call = NewCall(NewTenant());
        await store.CreateAsync(call, NewEvent(call, "inbound-answered"));
        var intruder = NewCall(NewTenant(), call.TwilioCallSid);

        var result = await store.CreateAsync(intruder, NewEvent(intruder, "inbound-answered"));

        Assert.False(result.Created);
        Assert.Null(result.Call);
        Assert.Null(await store.FindByIdAsync(intruder.TenantId, intruder.Id));
        Assert.Null(await store.FindBySidAsync(intruder.TenantId, call.TwilioCallSid!));
    }

    /// <summary>Create, queued outbound calls without SID: are all kept.</summary>
    [SkippableFact]
    public async Task Create_QueuedOutboundCallsWithoutSid_AreAllKept()
    {
        var store = await GetStoreAsync();
        var tenant = NewTenant();
        var first = NewCall(tenant, sid: null);
        var second = NewCall(tenant, sid: null, T0.AddSeconds(1));

        Assert.True((await store.CreateAsync(first, NewEvent(first, "outbound-requested"))).Created);
        Assert.True((await store.CreateAsync(second, NewEvent(second, "outbound-requested"))).Created);
        Assert.Equal(2, (await store.ListAsync(tenant, new CallQuery())).Count);
    }

    /// <summary>Create, id that exists: throws.</summary>
    [SkippableFact]
    public async Task Create_IdThatExists_Throws()
    {
        var store = await GetStoreAsync();
        var call = NewCall(NewTenant());
        await store.CreateAsync(call, NewEvent(call, "inbound-answered"));
        var copy = NewCall(call.TenantId, configure: c => c.Id = call.Id);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(copy, NewEvent(copy, "inbound-answered")));
        Assert.Null(await store.FindBySidAsync(call.TenantId, copy.TwilioCallSid!));
    }

    /// <summary>Save change, with next state: stores it appends the event and increments the version.</summary>
    [SkippableFact]
    public async Task SaveChange_WithNextState_StoresItAppendsTheEventAndIncrementsTheVersion()
    {
        var store = await GetStoreAsync();
        var call = (await CreateAsync(store)).Call!;
        var next = call with { };
        next.Status = CallStatus.Completed;
        next.AnsweredAt = T0.AddSeconds(3);
        next.EndedAt = T0.AddSeconds(40);
        next.DurationSeconds = 37;
        var evt = NewEvent(call, "completed", at: T0.AddSeconds(40), sequence: 3);

        var result = await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, call.Version, next, evt));

        Assert.Equal(SaveOutcome.Saved, result);
        var stored = (await store.FindByIdAsync(call.TenantId, call.Id))!;
        next.Version = 2;
        Assert.Equal(Snapshot(next), Snapshot(stored));
        var events = await store.ListEventsAsync(call.TenantId, call.Id);
        Assert.Equal(2, events.Count);
        AssertSameEvent(evt, events[1]);
    }

    /// <summary>Contact ambiguous: round trips through create save and list.</summary>
    [SkippableFact]
    public async Task ContactAmbiguous_RoundTripsThroughCreateSaveAndList()
    {
        var store = await GetStoreAsync();
        var tenant = NewTenant();
        var flagged = NewCall(tenant, configure: c => c.ContactAmbiguous = true);
        var plain = NewCall(tenant, createdAt: T0.AddSeconds(1));
        await CreateAsync(store, flagged);
        await CreateAsync(store, plain);

        Assert.True((await store.FindByIdAsync(tenant, flagged.Id))!.ContactAmbiguous);
        Assert.False((await store.FindBySidAsync(tenant, plain.TwilioCallSid!))!.ContactAmbiguous);

        // The CRM resolved the ambiguity on one call and a later change flags the other.
        var resolved = flagged with { };
        resolved.ContactAmbiguous = false;
        resolved.ContactId = Guid.NewGuid();
        var nowAmbiguous = plain with { };
        nowAmbiguous.ContactAmbiguous = true;
        Assert.Equal(SaveOutcome.Saved, await store.SaveChangeAsync(new VersionedChange(tenant, flagged.Id, 1, resolved, NewEvent(flagged, "contact-linked"))));
        Assert.Equal(SaveOutcome.Saved, await store.SaveChangeAsync(new VersionedChange(tenant, plain.Id, 1, nowAmbiguous, NewEvent(plain, "contact-ambiguous"))));

        var listed = await store.ListAsync(tenant, new CallQuery());
        Assert.Equal([(plain.Id, true), (flagged.Id, false)], listed.Select(c => (c.Id, c.ContactAmbiguous)));
        Assert.Equal(resolved.ContactId, listed[1].ContactId);
    }

    /// <summary>Save change, event only: appends the event and keeps the version.</summary>
    [SkippableFact]
    public async Task SaveChange_EventOnly_AppendsTheEventAndKeepsTheVersion()
    {
        var store = await GetStoreAsync();
        var call = (await CreateAsync(store)).Call!;

        var result = await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, call.Version, null, NewEvent(call, "ringing", at: T0.AddSeconds(1))));

        Assert.Equal(SaveOutcome.Saved, result);
        Assert.Equal(Snapshot(call), Snapshot((await store.FindByIdAsync(call.TenantId, call.Id))!));
        Assert.Equal(2, (await store.ListEventsAsync(call.TenantId, call.Id)).Count);
    }

    /// <summary>Save change, from a stale version: is a conflict and writes nothing.</summary>
    [SkippableFact]
    public async Task SaveChange_FromAStaleVersion_IsAConflictAndWritesNothing()
    {
        var store = await GetStoreAsync();
        var call = (await CreateAsync(store)).Call!;
        var ringing = call with { };
        ringing.Status = CallStatus.Ringing;
        await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, ringing, NewEvent(call, "ringing", at: T0.AddSeconds(1))));
        var stale = call with { };
        stale.RecordingSid = NewSid("RE");

        var result = await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, stale, NewEvent(call, "recording-completed", at: T0.AddSeconds(2))));

        Assert.Equal(SaveOutcome.Conflict, result);
        var stored = (await store.FindByIdAsync(call.TenantId, call.Id))!;
        Assert.Equal((CallStatus.Ringing, (string?)null, 2L), (stored.Status, stored.RecordingSid, stored.Version));
        Assert.Equal(2, (await store.ListEventsAsync(call.TenantId, call.Id)).Count);
    }

    /// <summary>Save change, redelivered event: is a duplicate and writes nothing.</summary>
    [SkippableFact]
    public async Task SaveChange_RedeliveredEvent_IsADuplicateAndWritesNothing()
    {
        var store = await GetStoreAsync();
        var call = (await CreateAsync(store)).Call!;
        var ringing = call with { };
        ringing.Status = CallStatus.Ringing;
        await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, ringing, NewEvent(call, "ringing", "status:ringing:seq:1", T0.AddSeconds(1))));
        var current = (await store.FindByIdAsync(call.TenantId, call.Id))!;
        var again = current with { };
        again.Status = CallStatus.InProgress;

        var result = await store.SaveChangeAsync(
            new VersionedChange(call.TenantId, call.Id, current.Version, again, NewEvent(call, "ringing", "status:ringing:seq:1", T0.AddSeconds(2))));

        Assert.Equal(SaveOutcome.Duplicate, result);
        Assert.Equal(Snapshot(current), Snapshot((await store.FindByIdAsync(call.TenantId, call.Id))!));
        Assert.Equal(2, (await store.ListEventsAsync(call.TenantId, call.Id)).Count);
    }

    /// <summary>Save change, same key on another call: is not a duplicate.</summary>
    [SkippableFact]
    public async Task SaveChange_SameKeyOnAnotherCall_IsNotADuplicate()
    {
        var store = await GetStoreAsync();
        var tenant = NewTenant();
        var first = (await CreateAsync(store, NewCall(tenant))).Call!;
        var second = (await CreateAsync(store, NewCall(tenant, createdAt: T0.AddSeconds(1)))).Call!;
        await store.SaveChangeAsync(new VersionedChange(tenant, first.Id, 1, null, NewEvent(first, "ringing", "same-key")));

        var result = await store.SaveChangeAsync(new VersionedChange(tenant, second.Id, 1, null, NewEvent(second, "ringing", "same-key")));

        Assert.Equal(SaveOutcome.Saved, result);
    }

    /// <summary>Save change, unknown call: is not found.</summary>
    [SkippableFact]
    public async Task SaveChange_UnknownCall_IsNotFound()
    {
        var store = await GetStoreAsync();
        var ghost = NewCall(NewTenant());

        var result = await store.SaveChangeAsync(new VersionedChange(ghost.TenantId, ghost.Id, 1, ghost, NewEvent(ghost, "ringing")));

        Assert.Equal(SaveOutcome.NotFound, result);
        Assert.Empty(await store.ListEventsAsync(ghost.TenantId, ghost.Id));
    }

    /// <summary>Save change, event that belongs elsewhere: is not found and writes nothing.</summary>
    [SkippableFact]
    public async Task SaveChange_EventThatBelongsElsewhere_IsNotFoundAndWritesNothing()
    {
        var store = await GetStoreAsync();
        var call = (await CreateAsync(store)).Call!;
        var other = (await CreateAsync(store, NewCall(call.TenantId, createdAt: T0.AddSeconds(1)))).Call!;

        var otherCallsEvent = await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, null, NewEvent(other, "ringing")));
        var otherTenantsEvent = NewEvent(call, "ringing");
        otherTenantsEvent.TenantId = NewTenant();
        var foreignTenant = await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, null, otherTenantsEvent));

        Assert.Equal((SaveOutcome.NotFound, SaveOutcome.NotFound), (otherCallsEvent, foreignTenant));
        Assert.Single(await store.ListEventsAsync(call.TenantId, call.Id));
        Assert.Single(await store.ListEventsAsync(call.TenantId, other.Id));
    }

    /// <summary>Save change, setting the SID of a queued call: makes it findable by SID.</summary>
    [SkippableFact]
    public async Task SaveChange_SettingTheSidOfAQueuedCall_MakesItFindableBySid()
    {
        var store = await GetStoreAsync();
        var call = (await CreateAsync(store, NewCall(NewTenant(), sid: null))).Call!;
        var accepted = call with { };
        accepted.TwilioCallSid = NewSid("CA");

        await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, accepted, NewEvent(call, "outbound-accepted")));

        Assert.Equal(call.Id, (await store.FindBySidAsync(call.TenantId, accepted.TwilioCallSid))!.Id);
    }

    /// <summary>Save change, SID of another call: throws and writes nothing.</summary>
    [SkippableFact]
    public async Task SaveChange_SidOfAnotherCall_ThrowsAndWritesNothing()
    {
        var store = await GetStoreAsync();
        var taken = (await CreateAsync(store)).Call!;
        var call = (await CreateAsync(store, NewCall(taken.TenantId, sid: null, T0.AddSeconds(1)))).Call!;
        var clash = call with { };
        clash.TwilioCallSid = taken.TwilioCallSid;

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, clash, NewEvent(call, "outbound-accepted"))));

        Assert.Null((await store.FindByIdAsync(call.TenantId, call.Id))!.TwilioCallSid);
        Assert.Single(await store.ListEventsAsync(call.TenantId, call.Id));
        Assert.Equal(taken.Id, (await store.FindBySidAsync(taken.TenantId, taken.TwilioCallSid!))!.Id);
    }

    /// <summary>List, newest first: pages with the cursor through ties.</summary>
    [SkippableFact]
    public async Task List_NewestFirst_PagesWithTheCursorThroughTies()
    {
        var store = await GetStoreAsync();
        var tenant = NewTenant();
        var created = new List<Call>();
        for (var i = 0; i < 7; i++)
        {
            // Pairs share a creation time: the id breaks the tie.
            created.Add((await CreateAsync(store, NewCall(tenant, createdAt: T0.AddSeconds(i / 2)))).Call!);
        }

        var expected = created.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Select(c => c.Id).ToList();
        var seen = new List<Guid>();
        CallCursor? cursor = null;
        IReadOnlyList<Call> page;
        do
        {
            page = await store.ListAsync(tenant, new CallQuery { PageSize = 3, Before = cursor });
            seen.AddRange(page.Select(c => c.Id));
            cursor = page.Count > 0 ? CallCursor.After(page[^1]) : null;
        }
        while (page.Count == 3);

        Assert.Equal(expected, seen);
        Assert.Single(await store.ListAsync(tenant, new CallQuery { PageSize = 0 }));
    }

    /// <summary>List, filters: by contact direction status and child legs.</summary>
    [SkippableFact]
    public async Task List_Filters_ByContactDirectionStatusAndChildLegs()
    {
        var store = await GetStoreAsync();
        var tenant = NewTenant();
        var contact = Guid.NewGuid();
        var parent = (await CreateAsync(store, NewCall(tenant, configure: c =>
        {
            c.Direction = CallDirection.Inbound;
            c.TwilioDirection = "inbound";
            c.Status = CallStatus.InProgress;
            c.ContactId = contact;
        }))).Call!;
        var child = (await CreateAsync(store, NewCall(tenant, createdAt: T0.AddSeconds(1), configure: c =>
        {
            c.ParentCallSid = parent.TwilioCallSid;
            c.TwilioDirection = "outbound-dial";
            c.Status = CallStatus.NoAnswer;
        }))).Call!;
        var outbound = (await CreateAsync(store, NewCall(tenant, createdAt: T0.AddSeconds(2), configure: c => c.Status = CallStatus.NoAnswer))).Call!;

        async Task<Guid[]> Ids(CallQuery query) => [.. (await store.ListAsync(tenant, query)).Select(c => c.Id)];

        Assert.Equal([outbound.Id, parent.Id], await Ids(new CallQuery()));
        Assert.Equal([outbound.Id, child.Id, parent.Id], await Ids(new CallQuery { IncludeChildLegs = true }));
        Assert.Equal([parent.Id], await Ids(new CallQuery { ContactId = contact }));
        Assert.Equal([parent.Id], await Ids(new CallQuery { Direction = CallDirection.Inbound }));
        Assert.Equal([outbound.Id, child.Id], await Ids(new CallQuery { Status = CallStatus.NoAnswer, IncludeChildLegs = true }));
    }

    /// <summary>List events: returns the timeline in recorded order.</summary>
    [SkippableFact]
    public async Task ListEvents_ReturnsTheTimelineInRecordedOrder()
    {
        var store = await GetStoreAsync();
        var call = (await CreateAsync(store)).Call!;
        var late = NewEvent(call, "completed", at: T0.AddSeconds(30), sequence: 3);
        var early = NewEvent(call, "ringing", at: T0.AddSeconds(2), sequence: 1);
        await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, null, late));
        await store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, null, early));

        var events = await store.ListEventsAsync(call.TenantId, call.Id);

        Assert.Equal(["outbound-requested", "ringing", "completed"], events.Select(e => e.EventType));
        AssertSameEvent(early, events[1]);
    }

    /// <summary>Every method, with the wrong tenant: sees and changes nothing.</summary>
    [SkippableFact]
    public async Task EveryMethod_WithTheWrongTenant_SeesAndChangesNothing()
    {
        var store = await GetStoreAsync();
        var call = (await CreateAsync(store)).Call!;
        var before = Snapshot((await store.FindByIdAsync(call.TenantId, call.Id))!);
        var wrong = NewTenant();
        var next = call with { };
        next.TenantId = wrong;
        next.Status = CallStatus.Canceled;
        var evt = NewEvent(next, "canceled");

        Assert.Null(await store.FindByIdAsync(wrong, call.Id));
        Assert.Null(await store.FindBySidAsync(wrong, call.TwilioCallSid!));
        Assert.Equal(SaveOutcome.NotFound, await store.SaveChangeAsync(new VersionedChange(wrong, call.Id, call.Version, next, evt)));
        Assert.Empty(await store.ListAsync(wrong, new CallQuery { IncludeChildLegs = true }));
        Assert.Empty(await store.ListEventsAsync(wrong, call.Id));
        var copy = NewCall(wrong, call.TwilioCallSid);
        Assert.Null((await store.CreateAsync(copy, NewEvent(copy, "inbound-answered"))).Call);

        Assert.Equal(before, Snapshot((await store.FindByIdAsync(call.TenantId, call.Id))!));
        Assert.Single(await store.ListEventsAsync(call.TenantId, call.Id));
    }

    /// <summary>Concurrent changes, from the same version: exactly one is saved.</summary>
    [SkippableFact]
    public async Task ConcurrentChanges_FromTheSameVersion_ExactlyOneIsSaved()
    {
        var store = await GetStoreAsync();
        var call = (await CreateAsync(store)).Call!;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            var next = call with { };
            next.DurationSeconds = i;
            return store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, next, NewEvent(call, "completed", $"key-{i}")));
        })));

        Assert.Equal(1, results.Count(r => r == SaveOutcome.Saved));
        Assert.Equal(7, results.Count(r => r == SaveOutcome.Conflict));
        Assert.Equal(2, (await store.FindByIdAsync(call.TenantId, call.Id))!.Version);
        Assert.Equal(2, (await store.ListEventsAsync(call.TenantId, call.Id)).Count);
    }

    /// <summary>Concurrent copies of one delivery: insert one event.</summary>
    [SkippableFact]
    public async Task ConcurrentCopiesOfOneDelivery_InsertOneEvent()
    {
        var store = await GetStoreAsync();
        var call = (await CreateAsync(store)).Call!;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            store.SaveChangeAsync(new VersionedChange(call.TenantId, call.Id, 1, null, NewEvent(call, "ringing", "status:ringing:seq:1"))))));

        Assert.Equal(1, results.Count(r => r == SaveOutcome.Saved));
        Assert.Equal(7, results.Count(r => r == SaveOutcome.Duplicate));
        Assert.Equal(2, (await store.ListEventsAsync(call.TenantId, call.Id)).Count);
    }

    /// <summary>Concurrent creates, of one SID: create one call.</summary>
    [SkippableFact]
    public async Task ConcurrentCreates_OfOneSid_CreateOneCall()
    {
        var store = await GetStoreAsync();
        var tenant = NewTenant();
        var sid = NewSid("CA");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            var call = NewCall(tenant, sid);
            return store.CreateAsync(call, NewEvent(call, "inbound-answered"));
        })));

        var winner = Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(winner.Call!.Id, r.Call!.Id));
        Assert.Single(await store.ListAsync(tenant, new CallQuery()));
    }

    private static Task<CallCreateResult> CreateAsync(ICallStore store, Call? call = null)
    {
        call ??= NewCall(NewTenant());
        return store.CreateAsync(call, NewEvent(call, "outbound-requested"));
    }
}
