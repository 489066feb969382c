namespace MgwTools.Core.Jobs;

/// <summary>Job status wire names (mgw-api.md §2.6). Temporary: replaced by the Core status type on merge.</summary>
internal static class MgwJobStatus
{
    public const string Begin = "IMPORT_JOB_BEGIN";
    public const string Launching = "IMPORT_JOB_LAUNCHING";
    public const string Preparing = "IMPORT_JOB_PREPARING";
    public const string Doing = "IMPORT_JOB_DOING";
    public const string Suspend = "IMPORT_JOB_SUSPEND";
    public const string Closing = "IMPORT_JOB_CLOSING";
    public const string Finished = "IMPORT_JOB_FINISHED";
    public const string Interrupted = "IMPORT_JOB_INTERRUPTED";
    public const string Confirmed = "IMPORT_JOB_CONFIRMED";
}
