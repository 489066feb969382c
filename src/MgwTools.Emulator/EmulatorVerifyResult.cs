using System;
using System.Globalization;

namespace MgwTools.Emulator;

/// <summary>
/// What the local service's VerifyAddress answers for an address (<see cref="MgwEmulator.SetVerifyResult"/>): available,
/// or a failure with the error code and message the real service would give (the bucket denies the role, the endpoint
/// does not answer…). GetAddress's <c>VerifyResult</c> and <c>Status</c> then show the last outcome.
/// </summary>
public sealed class EmulatorVerifyResult
{
    private EmulatorVerifyResult(string? errorCode, string? errorMessage, int httpCode)
    {
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        HttpCode = httpCode;
    }

    /// <summary>The address is reachable (the default for every address).</summary>
    public static EmulatorVerifyResult Available { get; } = new(null, null, 200);

    /// <summary>
    /// A failed verification with <paramref name="errorCode"/> (e.g. <c>AccessDenied</c>, <c>NoSuchBucket</c>),
    /// <paramref name="errorMessage"/> and the HTTP code the store answered (403 by default).
    /// </summary>
    /// <exception cref="ArgumentException">The code is empty, or the HTTP code is not 300-599.</exception>
    public static EmulatorVerifyResult Failure(string errorCode, string? errorMessage = null, int httpCode = 403)
    {
        if (string.IsNullOrWhiteSpace(errorCode)) throw new ArgumentException("A failed verification needs an error code, e.g. AccessDenied.", nameof(errorCode));
        if (httpCode is < 300 or > 599) throw new ArgumentException("The HTTP code of a failed verification is 300-599.", nameof(httpCode));
        return new EmulatorVerifyResult(errorCode.Trim(), string.IsNullOrWhiteSpace(errorMessage) ? $"The address cannot be reached: {errorCode.Trim()}." : errorMessage, httpCode);
    }

    /// <summary>True when the address verifies as available.</summary>
    public bool IsAvailable => ErrorCode is null;

    /// <summary>The status VerifyAddress answers: <c>available</c> or <c>unavailable</c>.</summary>
    public string Status => IsAvailable ? "available" : "unavailable";

    /// <summary>The error code of a failure; null when available.</summary>
    public string? ErrorCode { get; }

    /// <summary>The error message of a failure; null when available.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The HTTP code the store answered the check with.</summary>
    public int HttpCode { get; }

    /// <inheritdoc />
    public override string ToString() => IsAvailable ? Status : string.Format(CultureInfo.InvariantCulture, "{0} ({1} {2})", Status, HttpCode, ErrorCode);
}
