using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimalCrm.Accounts;
using MinimalCrm.Data;
using MinimalCrm.Tests.Infrastructure;

namespace MinimalCrm.Tests;

/// <summary>The sample outside Development: no demo users, no simulator, HTTPS only.</summary>
public sealed class ProductionTests(ProductionCrm crm) : IClassFixture<ProductionCrm>, IDisposable
{
    private readonly HttpClient _https = crm.Client("https://crm.example.com");

    public void Dispose() => _https.Dispose();

    [Fact]
    public async Task NoDemoUsers_AreAdded_NorListedOnTheSignInPage()
    {
        var page = await _https.GetStringAsync("/Account/Login");

        await using var scope = crm.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        Assert.DoesNotContain(await db.Users.Select(u => u.Email).ToListAsync(), DemoData.IsDemoUser);
        Assert.Empty(await db.Contacts.ToListAsync());
        Assert.DoesNotContain("alice@acme.test", page, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoData.Password, page, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-users", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADemoUserLeftInTheDatabase_CannotSignIn_ButARealUserCan()
    {
        await using var scope = crm.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<CrmUser>>();

        // As if the database had been used in Development before.
        var tenant = new Tenant { Id = DemoData.AcmeTenant, Name = "Acme Corp" };
        CrmUser[] users = [User(hasher, "alice@acme.test", DemoData.Password), User(hasher, "owner@acme.example", "a-long-production-password")];
        db.Tenants.Add(tenant);
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        try
        {
            var demo = await SignInForm.PostAsync(_https, "alice@acme.test", DemoData.Password);
            Assert.Equal(HttpStatusCode.OK, demo.StatusCode);
            Assert.Contains("The e-mail address or the password is wrong.", await demo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(SignInForm.SignedIn(demo));

            using var owner = crm.Client("https://crm.example.com");
            Assert.True(SignInForm.SignedIn(await SignInForm.PostAsync(owner, "owner@acme.example", "a-long-production-password")));
        }
        finally
        {
            db.Users.RemoveRange(users);
            db.Tenants.Remove(tenant);
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Http_IsRedirectedToHttps_AndHttpsAnswersWithHsts()
    {
        using var http = crm.Client("http://crm.example.com");

        var plain = await http.GetAsync("/Account/Login?returnUrl=%2FCalls");
        var secure = await _https.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal(new Uri("https://crm.example.com/Account/Login?returnUrl=%2FCalls"), plain.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/twilio-sim/simulator/calls")]
    [InlineData("POST", "/twilio-sim/simulator/inbound-calls")]
    [InlineData("GET", "/twilio-sim/2010-04-01/Accounts/AC00000000000000000000000000000a01/Recordings/RE00000000000000000000000000000001.mp3")]
    public async Task TheSimulator_IsNotThere(string method, string path)
    {
        using var response = await _https.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void WithoutTwilioVariables_TheAppRefusesToStart_SayingTheSimulatorIsForDevelopment()
    {
        using var app = new CrmAppFactory(environment: "Production", kestrel: false);
        var error = new StringWriter();
        var console = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.ThrowsAny<Exception>(() => app.Server);
        }
        finally
        {
            Console.SetError(console);
        }

        Assert.Contains("the built-in Twilio simulator runs only in Development (this is 'Production')", error.ToString(), StringComparison.Ordinal);
    }

    private static CrmUser User(IPasswordHasher<CrmUser> hasher, string email, string password)
    {
        var user = new CrmUser { Id = Guid.NewGuid(), TenantId = DemoData.AcmeTenant, Email = email, DisplayName = email, PasswordHash = string.Empty, Role = CrmRole.Admin };
        user.PasswordHash = hasher.HashPassword(user, password);
        return user;
    }
}
