using System.Threading;
using MgwTools.Core.Client;

namespace MgwTools.Core.Tests;

/// <summary>The one classification of errors (<see cref="MgwErrorKinds"/>) and the parsing of error answers.</summary>
public class MgwServiceErrorsTests
{
    [Theory]
    [InlineData("SignatureDoesNotMatch")]
    [InlineData("InvalidAccessKeyId")]
    [InlineData("InvalidSecurityToken")]
    [InlineData("SecurityTokenExpired")]
    [InlineData("RequestTimeTooSkewed")]
    [InlineData(MgwErrorCodes.InvalidHeaderValue)]
    public void CredentialAndClockErrors_AffectEveryRequest(string code)
    {
        Assert.True(MgwErrorKinds.AffectsEveryRequest(new MgwError { Code = code, StatusCode = 403 }.Kind));
        Assert.True(MgwErrorKinds.AffectsEveryRequest(MgwErrorKinds.Of(code, null, fromService: false)));
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
        Assert.False(MgwErrorKinds.AffectsEveryRequest(MgwErrorKinds.Of(code, null, fromService: true)));
    }

    [Theory]
    [InlineData(429, null, true)]
    [InlineData(429, "AnyCode", true)]
    [InlineData(503, "Throttling", true)]
    [InlineData(400, "Throttling.User", true)]
    [InlineData(400, "Throttling.SomethingNew", true)]
    [InlineData(503, "SlowDown", true)]
    [InlineData(400, "RequestLimitExceeded", true)]
    [InlineData(503, "ServiceUnavailable", false)]
    [InlineData(500, null, false)]
    [InlineData(403, "SignatureDoesNotMatch", false)]
    [InlineData(400, "ImportJobNumExceed", false)]
    public void Throttled_Is429OrAThrottlingCode(int status, string? code, bool throttled)
    {
        Assert.Equal(throttled, MgwErrorKinds.Of(code, status, fromService: true) == MgwErrorKind.Throttled);
    }

    /// <summary>Every code and status the module meets, and the kind it is (which decides retry, stop and category).</summary>
    [Theory]
    [InlineData("NoSuchImportJob", 404, MgwErrorKind.NotFound)]
    [InlineData("NoSuchImportAddress", 404, MgwErrorKind.NotFound)]
    [InlineData("NoSuchImportJobParent", 404, MgwErrorKind.NotFound)]
    [InlineData("404", 404, MgwErrorKind.NotFound)]
    [InlineData("ImportJobAlreadyExist", 409, MgwErrorKind.Exists)]
    [InlineData("ImportJobRepeatedOnSameAddress", 409, MgwErrorKind.Exists)]
    [InlineData("SomethingElse", 409, MgwErrorKind.Exists)]
    [InlineData(MgwErrorCodes.ImportJobSpecConflict, null, MgwErrorKind.Exists)]
    [InlineData("ImportJobNumExceed", 400, MgwErrorKind.Quota)]
    [InlineData("ImportJobDepthExceed", 400, MgwErrorKind.Quota)]
    [InlineData("Throttling", 400, MgwErrorKind.Throttled)]
    [InlineData("429", 429, MgwErrorKind.Throttled)]
    [InlineData("RequestTimeTooSkewed", 403, MgwErrorKind.Clock)]
    [InlineData("SignatureDoesNotMatch", 403, MgwErrorKind.Credentials)]
    [InlineData("InvalidAccessKeyId", 403, MgwErrorKind.Credentials)]
    [InlineData("InvalidSecurityToken", 403, MgwErrorKind.Credentials)]
    [InlineData("SecurityTokenExpired", 400, MgwErrorKind.Credentials)]
    [InlineData("AccessDenied", 403, MgwErrorKind.Denied)]
    [InlineData("403", 403, MgwErrorKind.Denied)]
    [InlineData("Timeout", 504, MgwErrorKind.Timeout)]
    [InlineData("408", 408, MgwErrorKind.Timeout)]
    [InlineData(MgwErrorCodes.RequestTimeout, null, MgwErrorKind.Timeout)]
    [InlineData(MgwErrorCodes.ConnectionFailed, null, MgwErrorKind.Transient)]
    [InlineData("InternalError", 500, MgwErrorKind.Transient)]
    [InlineData("503", 503, MgwErrorKind.Transient)]
    [InlineData("NetworkError", null, MgwErrorKind.Transient)]
    [InlineData(MgwErrorCodes.InvalidResponse, 200, MgwErrorKind.InvalidResponse)]
    [InlineData("InvalidArgument", 400, MgwErrorKind.BadInput)]
    [InlineData(MgwErrorCodes.InvalidJobName, null, MgwErrorKind.BadInput)]
    [InlineData(MgwErrorCodes.InvalidName, null, MgwErrorKind.BadInput)]
    [InlineData(MgwErrorCodes.DuplicateJobName, null, MgwErrorKind.BadInput)]
    [InlineData(MgwErrorCodes.InvalidEndpoint, null, MgwErrorKind.BadInput)]
    [InlineData(MgwErrorCodes.InvalidHeaderValue, null, MgwErrorKind.Credentials)]
    [InlineData(MgwErrorCodes.EmulatorPortInUse, null, MgwErrorKind.Unavailable)]
    [InlineData(MgwErrorCodes.EmulatorStartFailed, null, MgwErrorKind.Unavailable)]
    [InlineData(MgwErrorCodes.EmulatorNotRunning, null, MgwErrorKind.NotFound)]
    [InlineData(MgwErrorCodes.ProfileNotFound, null, MgwErrorKind.NotFound)]
    [InlineData(MgwErrorCodes.NoCredentials, null, MgwErrorKind.Unauthenticated)]
    [InlineData(MgwErrorCodes.IncompleteProfile, null, MgwErrorKind.Unauthenticated)]
    [InlineData(MgwErrorCodes.UnsupportedProfileMode, null, MgwErrorKind.Unsupported)]
    [InlineData(MgwErrorCodes.InvalidCredentialsFile, null, MgwErrorKind.InvalidData)]
    [InlineData(MgwErrorCodes.InsecureEndpoint, null, MgwErrorKind.Insecure)]
    [InlineData(MgwErrorCodes.NotConnected, null, MgwErrorKind.InvalidState)]
    [InlineData(MgwServiceCodes.ImportAgentIsOccupied, 409, MgwErrorKind.InUse)]
    [InlineData(MgwServiceCodes.ImportTunnelIsOccupied, 409, MgwErrorKind.InUse)]
    [InlineData("ImportAddressIsOccupied", 409, MgwErrorKind.InUse)]
    [InlineData("SomethingInUse", null, MgwErrorKind.InUse)]
    [InlineData(MgwServiceCodes.NoSuchImportAgent, 404, MgwErrorKind.NotFound)]
    [InlineData(MgwServiceCodes.NoSuchImportTunnel, 404, MgwErrorKind.NotFound)]
    [InlineData(MgwServiceCodes.ImportAgentAlreadyExist, 409, MgwErrorKind.Exists)]
    [InlineData(MgwServiceCodes.ImportAgentNumExceed, 400, MgwErrorKind.Quota)]
    [InlineData(MgwServiceCodes.ImportTunnelNumExceed, 400, MgwErrorKind.Quota)]
    [InlineData(MgwErrorCodes.InvalidAgentName, null, MgwErrorKind.BadInput)]
    [InlineData("Teapot", 418, MgwErrorKind.Other)]
    public void Kind_FollowsFromCodeAndStatus(string code, int? status, MgwErrorKind kind)
    {
        Assert.Equal(kind, new MgwError { Code = code, StatusCode = status }.Kind);
    }

    [Fact]
    public void Parse_ErrorBody_ReadsEveryElement_AndSetsTheDetailApart()
    {
        const string body = "<Error><Code>AccessDenied</Code><Message>You have no right to access this job</Message><RequestId>R1</RequestId>" +
                            "<HostId>h</HostId><EC>0003-1</EC><RecommendDoc>https://doc</RecommendDoc><AccessDeniedDetail> mgw:GetImportJob </AccessDeniedDetail></Error>";

        MgwError error = MgwServiceErrors.Parse(403, "Forbidden", body, "R0", null, "host", 1 << 20, CancellationToken.None);

        Assert.Equal("AccessDenied", error.Code);
        Assert.Equal("You have no right to access this job. (Access denied detail: mgw:GetImportJob)", error.Message);
        Assert.Equal("R1", error.RequestId);
        Assert.Equal("h", error.HostId);
        Assert.Equal("0003-1", error.EcCode);
        Assert.Equal("https://doc", error.Recommend);
        Assert.Equal(MgwErrorKind.Denied, error.Kind);
    }

    [Theory]
    [InlineData("<!DOCTYPE Error [<!ENTITY x 'boom'>]><Error><Code>&x;</Code></Error>")]
    [InlineData("<NotAnError><Code>X</Code></NotAnError>")]
    [InlineData("not xml at all")]
    public void Parse_ABodyThatIsNotAnErrorDocument_UsesTheStatus_AndNeverExpandsADtd(string body)
    {
        MgwError error = MgwServiceErrors.Parse(502, "Bad Gateway", body, "R0", "EC0", "host", 1 << 20, CancellationToken.None);

        Assert.Equal("502", error.Code);
        Assert.Equal("The service answered HTTP 502 (Bad Gateway) with a body that is not an error document.", error.Message);
        Assert.Equal("R0", error.RequestId);
        Assert.Equal("EC0", error.EcCode);
    }
}
