using System.Text;

namespace TwilioCallTracking.AspNetCore.Tests.Webhooks;

public sealed class DecodedFormTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("a=1&b=2", "a:1|b:2")]
    [InlineData("a=b+c&d=%2B1%20415", "a:b c|d:+1 415")]
    [InlineData("a=%E2%82%AC&%C3%A9=%e2%82%ac", "a:€|é:€")]
    [InlineData("a=%zz&b=%&c=%4&d=100%", "a:%zz|b:%|c:%4|d:100%")]
    [InlineData("&&a=1&&", "a:1")]
    [InlineData("flag&a==b", "flag:|a:=b")]
    [InlineData("=&=x&y=", ":|:x|y:")]
    [InlineData("k=1&K=2&k=3", "k:1|K:2|k:3")]
    [InlineData("CallToken=%257B%2522x%2522%257D", "CallToken:%7B%22x%22%7D")]
    public void Decode_DecodesEveryPairInOrder_KeepingRepeatsAndCase(string body, string expected)
    {
        using var form = DecodedForm.Decode(Encoding.ASCII.GetBytes(body));
        var parameters = form.ToParameters();

        Assert.Equal(expected, string.Join("|", parameters.Select(p => $"{p.Key}:{p.Value}")));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", true)]
    [InlineData("application/x-www-form-urlencoded; charset=UTF-8", true)]
    [InlineData("Application/X-WWW-Form-UrlEncoded", true)]
    [InlineData("application/x-www-form-urlencodedx", false)]
    [InlineData("multipart/form-data; boundary=x", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void OnlyUrlEncodedForms_AreWebhookBodies(string? contentType, bool accepted)
    {
        Assert.Equal(accepted, WebhookBody.IsFormUrlEncoded(contentType));
    }
}
