using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TwilioCallTracking.Simulator.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void TwilioSimulatorSection_BindsAccountsNumbersAndTimes()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TwilioSimulator:TimeScale"] = "0.5",
            ["TwilioSimulator:RingTime"] = "00:00:03",
            ["TwilioSimulator:Accounts:0:Sid"] = "AC" + new string('1', 32),
            ["TwilioSimulator:Accounts:0:AuthToken"] = "secret-token",
            ["TwilioSimulator:Accounts:0:PhoneNumbers:0:PhoneNumber"] = "+18777804236",
            ["TwilioSimulator:Accounts:0:PhoneNumbers:0:VoiceUrl"] = "http://localhost:5000/api/twilio/voice/answer",
        }).Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddTwilioSimulator()
            .BuildServiceProvider();

        var simulator = services.GetRequiredService<TwilioSimulator>();

        Assert.Equal(0.5, simulator.Options.TimeScale);
        Assert.Equal(TimeSpan.FromSeconds(3), simulator.Options.RingTime);
        Assert.Equal("secret-token", simulator.FindAccount("AC" + new string('1', 32))!.AuthToken);
        var number = simulator.FindPhoneNumber("+18777804236")!;
        Assert.Equal(new Uri("http://localhost:5000/api/twilio/voice/answer"), number.VoiceUrl);
        Assert.StartsWith("PN", number.Sid, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowOutsideDevelopment_IsNeverReadFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TwilioSimulator:AllowOutsideDevelopment"] = "true",
            ["TwilioSimulator:TimeScale"] = "0",
        }).Build();
        using var fromConfiguration = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddTwilioSimulator().BuildServiceProvider();
        using var inCode = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddTwilioSimulator(o => o.AllowOutsideDevelopment = true).BuildServiceProvider();

        Assert.False(fromConfiguration.GetRequiredService<TwilioSimulator>().Options.AllowOutsideDevelopment);
        Assert.Equal(0, fromConfiguration.GetRequiredService<TwilioSimulator>().Options.TimeScale);
        Assert.True(inCode.GetRequiredService<TwilioSimulator>().Options.AllowOutsideDevelopment);
    }

    [Fact]
    public void NegativeTimeScale_IsRefusedWithWhatToSet()
    {
        using var services = new ServiceCollection().AddLogging().AddTwilioSimulator(o => o.TimeScale = -1).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<TwilioSimulator>());

        Assert.Contains("TwilioSimulator:TimeScale", error.Message, StringComparison.Ordinal);
    }
}
