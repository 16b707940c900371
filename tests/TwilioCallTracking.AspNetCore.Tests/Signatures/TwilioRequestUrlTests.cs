using Microsoft.AspNetCore.Http;

namespace TwilioCallTracking.AspNetCore.Tests.Signatures;

public sealed class TwilioRequestUrlTests
{
    [Theory]
    [InlineData("https://crm.example.com/api/x?a=1&b=%C3%A9", "https", "crm.example.com", -1, "/api/x", "?a=1&b=%C3%A9")]
    [InlineData("http://127.0.0.1:5000/api/x", "http", "127.0.0.1", 5000, "/api/x", "")]
    [InlineData("https://user:pass@crm.example.com:8443/x#rc=2", "https", "crm.example.com", 8443, "/x", "")]
    [InlineData("http://[::1]:8080/x?y", "http", "[::1]", 8080, "/x", "?y")]
    [InlineData("https://crm.example.com?x=1", "https", "crm.example.com", -1, "", "?x=1")]
    public void Parse_SplitsTheUrl_DroppingCredentialsAndFragment(string url, string scheme, string host, int port, string path, string query)
    {
        var parsed = TwilioRequestUrl.Parse(url);

        Assert.Equal((scheme, host, port, path, query), (parsed.Scheme, parsed.Host.ToString(), parsed.Port, parsed.Path, parsed.Query));
    }

    [Fact]
    public void FromRequest_WithAPublicBaseUrl_TakesItsSchemeHostPortAndPath_ThenTheRequestsPathAndRawQuery()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 5000);
        context.Request.PathBase = "/ignored";
        context.Request.Path = "/api/twilio/voice/status";
        context.Request.QueryString = new QueryString("?tenant=a%20b&call=1");

        var url = TwilioRequestUrl.FromRequest(context.Request, new Uri("https://crm.example.com:8443/crm/"));

        Assert.Equal("https://crm.example.com:8443/crm/api/twilio/voice/status?tenant=a%20b&call=1", url.ToString());
        Assert.Equal(new Uri("https://crm.example.com:8443/crm/"), url.BaseUri);
    }

    [Fact]
    public void FromRequest_WithoutAPublicBaseUrl_IsTheRequestsOwnUrl()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("abc123.ngrok.io");
        context.Request.PathBase = "/crm";
        context.Request.Path = "/api/twilio/voice/answer";

        var url = TwilioRequestUrl.FromRequest(context.Request, null);

        Assert.Equal("https://abc123.ngrok.io/crm/api/twilio/voice/answer", url.ToString());
        Assert.Equal("https://abc123.ngrok.io:443/crm/api/twilio/voice/answer", url.Format(url.DefaultPort));
    }
}
