using System;
using System.Globalization;

namespace MgwTools;

/// <summary>
/// One problem: a validation finding (no <see cref="StatusCode"/>) or an error the service (or the
/// network on the way to it) returned. The same class for both so a script handles them alike.
/// </summary>
public sealed class MgwError
{
    /// <summary>Stable code: a rule code of design §3 or the service's <c>Code</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>What is wrong and how to fix it.</summary>
    public string Message { get; set; } = "";

    /// <summary>Error blocks creation; Warning does not.</summary>
    public MgwSeverity Severity { get; set; } = MgwSeverity.Error;

    /// <summary>The parameter the finding is about, when there is one.</summary>
    public string? Field { get; set; }

    /// <summary>The offending value, as given.</summary>
    public object? Value { get; set; }

    /// <summary>1-based position of the input in the pipeline (the CSV data line).</summary>
    public int? Row { get; set; }

    /// <summary>The job the error is about, when known.</summary>
    public string? JobName { get; set; }

    /// <summary>HTTP status of a service error; null for local findings and network failures.</summary>
    public int? StatusCode { get; set; }

    /// <summary>The service's request id (<c>RequestId</c> or <c>x-oss-request-id</c>).</summary>
    public string? RequestId { get; set; }

    /// <summary>The host that answered (<c>HostId</c>).</summary>
    public string? HostId { get; set; }

    /// <summary>The service's <c>EC</c> code (<c>x-oss-ec-code</c> when the body is empty).</summary>
    public string? EcCode { get; set; }

    /// <summary>The service's recommended documentation link.</summary>
    public string? Recommend { get; set; }

    /// <summary>True when this came from the service or the network rather than local validation.</summary>
    public bool IsServiceError => StatusCode.HasValue || RequestId is not null;

    /// <summary>A copy with the row and job name set (findings are built before the row is known).</summary>
    public MgwError WithContext(int? row, string? jobName)
    {
        var copy = (MgwError)MemberwiseClone();
        copy.Row = row ?? Row;
        copy.JobName = jobName ?? JobName;
        return copy;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        string where = Row.HasValue ? string.Format(CultureInfo.InvariantCulture, "row {0}: ", Row.Value) : "";
        return $"{where}{Code}: {Message}";
    }
}

/// <summary>An exception that carries an <see cref="MgwError"/> to the cmdlet layer.</summary>
public sealed class MgwException : Exception
{
    /// <summary>Wraps <paramref name="error"/>; the message is the error's message.</summary>
    public MgwException(MgwError error, Exception? inner = null)
        : base(error.Message, inner)
    {
        Error = error;
    }

    /// <summary>The error, with its code, status and request id.</summary>
    public MgwError Error { get; }
}
