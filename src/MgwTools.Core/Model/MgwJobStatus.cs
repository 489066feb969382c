using System;

namespace MgwTools;

/// <summary>
/// A job's state as the service writes it (<c>IMPORT_JOB_*</c>, mgw-api.md §2.6). The wire text is kept as sent,
/// so a state this module does not know yet is still shown and compared, never a parse failure. Compares equal
/// (ignoring case, as PowerShell's <c>-eq</c> does) to another status or to its text, so
/// <c>Where-Object Status -eq IMPORT_JOB_SUSPEND</c> works; a string converts to it implicitly.
/// </summary>
public sealed class MgwJobStatus : IEquatable<MgwJobStatus>, IComparable<MgwJobStatus>, IComparable
{
    /// <summary><c>IMPORT_JOB_BEGIN</c>: created, never started.</summary>
    public static readonly MgwJobStatus Begin = new("IMPORT_JOB_BEGIN");

    /// <summary><c>IMPORT_JOB_LAUNCHING</c>: being started (also the UpdateJob value that starts a job).</summary>
    public static readonly MgwJobStatus Launching = new("IMPORT_JOB_LAUNCHING");

    /// <summary><c>IMPORT_JOB_PREPARING</c>: the service prepares the run.</summary>
    public static readonly MgwJobStatus Preparing = new("IMPORT_JOB_PREPARING");

    /// <summary><c>IMPORT_JOB_DOING</c>: running.</summary>
    public static readonly MgwJobStatus Doing = new("IMPORT_JOB_DOING");

    /// <summary><c>IMPORT_JOB_SUSPEND</c>: paused (also the UpdateJob value that pauses a job).</summary>
    public static readonly MgwJobStatus Suspend = new("IMPORT_JOB_SUSPEND");

    /// <summary><c>IMPORT_JOB_CLOSING</c>: being closed (also the UpdateJob value that closes a job).</summary>
    public static readonly MgwJobStatus Closing = new("IMPORT_JOB_CLOSING");

    /// <summary><c>IMPORT_JOB_FINISHED</c>: complete.</summary>
    public static readonly MgwJobStatus Finished = new("IMPORT_JOB_FINISHED");

    /// <summary><c>IMPORT_JOB_INTERRUPTED</c>: stopped abnormally.</summary>
    public static readonly MgwJobStatus Interrupted = new("IMPORT_JOB_INTERRUPTED");

    /// <summary><c>IMPORT_JOB_CONFIRMED</c>: complete, and the user confirmed the data.</summary>
    public static readonly MgwJobStatus Confirmed = new("IMPORT_JOB_CONFIRMED");

    /// <summary><c>IMPORT_JOB_DELETING</c>: being deleted (the wire value is inferred, mgw-api.md §2.6).</summary>
    public static readonly MgwJobStatus Deleting = new("IMPORT_JOB_DELETING");

    private static readonly MgwJobStatus[] s_known =
    {
        Begin, Launching, Preparing, Doing, Suspend, Closing, Finished, Interrupted, Confirmed, Deleting,
    };

    /// <summary>A status with the given wire text (kept as given, known or not).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public MgwJobStatus(string value)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The wire text, e.g. <c>IMPORT_JOB_DOING</c>.</summary>
    public string Value { get; }

    /// <summary>True when the text is one of the states of mgw-api.md §2.6.</summary>
    public bool IsKnown => Array.Exists(s_known, k => k.Equals(this));

    /// <summary>Every state this module knows, in the order of mgw-api.md §2.6.</summary>
    public static MgwJobStatus[] Known => (MgwJobStatus[])s_known.Clone();

    /// <summary>The status with the wire text <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static implicit operator MgwJobStatus(string value) => new(value);

    /// <summary>Same text, ignoring case.</summary>
    public static bool operator ==(MgwJobStatus? left, MgwJobStatus? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Different text, ignoring case.</summary>
    public static bool operator !=(MgwJobStatus? left, MgwJobStatus? right) => !(left == right);

    /// <inheritdoc />
    public bool Equals(MgwJobStatus? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Equal to another status, or to a string with the same text (ignoring case).</summary>
    public override bool Equals(object? obj) => obj switch
    {
        MgwJobStatus status => Equals(status),
        string text => string.Equals(Value, text, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public int CompareTo(MgwJobStatus? other) =>
        other is null ? 1 : StringComparer.OrdinalIgnoreCase.Compare(Value, other.Value);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        MgwJobStatus status => CompareTo(status),
        string text => StringComparer.OrdinalIgnoreCase.Compare(Value, text),
        _ => throw new ArgumentException("Compare a job status with a status or a string.", nameof(obj)),
    };

    /// <summary>The wire text.</summary>
    public override string ToString() => Value;
}
