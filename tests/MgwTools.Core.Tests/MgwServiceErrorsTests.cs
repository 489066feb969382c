using MgwTools.Core.Client;

namespace MgwTools.Core.Tests;

public class MgwServiceErrorsTests
{
    [Theory]
    [InlineData("SignatureDoesNotMatch")]
    [InlineData("InvalidAccessKeyId")]
    [InlineData("InvalidSecurityToken")]
    [InlineData("SecurityTokenExpired")]
    [InlineData("RequestTimeTooSkewed")]
    public void CredentialAndClockErrors_AffectEveryRequest(string code)
    {
        Assert.True(MgwServiceErrors.AffectsEveryRequest(code));
    }

    [Theory]
    [InlineData("AccessDenied")]
    [InlineData("NoSuchImportJob")]
    [InlineData("NoSuchImportAddress")]
    [InlineData("ImportJobAlreadyExist")]
    [InlineData("ImportJobRepeatedOnSameAddress")]
    [InlineData("InvalidArgument")]
    [InlineData("InternalError")]
    [InlineData("ServiceUnavailable")]
    [InlineData("Throttling")]
    [InlineData("ConnectionFailed")]
    [InlineData("RequestTimeout")]
    [InlineData("403")]
    [InlineData("")]
    public void OtherErrors_AreAboutOneRequestOnly(string code)
    {
        Assert.False(MgwServiceErrors.AffectsEveryRequest(code));
    }

    [Theory]
    [InlineData(429, null, true)]
    [InlineData(429, "AnyCode", true)]
    [InlineData(503, "Throttling", true)]
    [InlineData(400, "Throttling.User", true)]
    [InlineData(400, "Throttling.SomethingNew", true)]
    [InlineData(503, "SlowDown", true)]
    [InlineData(503, "ServiceUnavailable", false)]
    [InlineData(500, null, false)]
    [InlineData(403, "SignatureDoesNotMatch", false)]
    public void Throttled_Is429OrAThrottlingCode(int status, string? code, bool throttled)
    {
        Assert.Equal(throttled, MgwServiceErrors.IsThrottled(status, code));
    }
}
