using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using MgwTools.Completers;
using MgwTools.Core.Scheduling;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// <para type="synopsis">Builds a schedule the migration service accepts and shows its next runs.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "MgwCron", DefaultParameterSetName = ExpressionSet)]
[OutputType(typeof(MgwCron))]
public sealed class ConvertToMgwCronCommand : MgwCmdlet
{
    /// <summary>Every day at a time.</summary>
    public const string DailySet = "Daily";

    /// <summary>On days of the week at a time.</summary>
    public const string WeeklySet = "Weekly";

    /// <summary>On days of the month at a time.</summary>
    public const string MonthlySet = "Monthly";

    /// <summary>Every hour at a minute.</summary>
    public const string HourlySet = "Hourly";

    /// <summary>From a 5-field Unix or 6-field cron expression.</summary>
    public const string ExpressionSet = "Expression";

    private CronOptions _options = new();

    /// <summary>Run every day at <see cref="At"/>.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DailySet)]
    public SwitchParameter Daily { get; set; }

    /// <summary>Run on <see cref="DayOfWeek"/> at <see cref="At"/>.</summary>
    [Parameter(Mandatory = true, ParameterSetName = WeeklySet)]
    public SwitchParameter Weekly { get; set; }

    /// <summary>Run on <see cref="DayOfMonth"/> at <see cref="At"/>.</summary>
    [Parameter(Mandatory = true, ParameterSetName = MonthlySet)]
    public SwitchParameter Monthly { get; set; }

    /// <summary>Run every hour at <see cref="Minute"/> past the hour.</summary>
    [Parameter(Mandatory = true, ParameterSetName = HourlySet)]
    public SwitchParameter Hourly { get; set; }

    /// <summary>The time of day, in the service's time zone: '02:00', '2:30 PM', '14:05:30', a [datetime] or a [timespan].</summary>
    [Parameter(Mandatory = true, ParameterSetName = DailySet)]
    [Parameter(Mandatory = true, ParameterSetName = WeeklySet)]
    [Parameter(Mandatory = true, ParameterSetName = MonthlySet)]
    [TimeOfDayTransformation]
    public TimeSpan At { get; set; }

    /// <summary>The days of the week for -Weekly.</summary>
    [Parameter(Mandatory = true, ParameterSetName = WeeklySet)]
    public DayOfWeek[] DayOfWeek { get; set; } = Array.Empty<DayOfWeek>();

    /// <summary>The days of the month (1–31) for -Monthly.</summary>
    [Parameter(Mandatory = true, ParameterSetName = MonthlySet)]
    [ValidateRange(1, 31)]
    public int[] DayOfMonth { get; set; } = Array.Empty<int>();

    /// <summary>The minute past the hour (0–59) for -Hourly; default 0.</summary>
    [Parameter(ParameterSetName = HourlySet)]
    [ValidateRange(0, 59)]
    public int Minute { get; set; }

    /// <summary>A 5-field Unix cron or a 6-field, seconds-first cron expression.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ExpressionSet)]
    [Alias("Cron")]
    [AllowEmptyString]
    public string Expression { get; set; } = "";

    /// <summary>How many upcoming runs to list (0–1000); default 5.</summary>
    [Parameter]
    [ValidateRange(0, 1000)]
    public int Next { get; set; } = 5;

    /// <summary>The zone to show the runs in (Windows or IANA id); default this machine's zone.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    public string? TimeZone { get; set; }

    /// <summary>
    /// The zone the service is assumed to evaluate cron in (undocumented by the vendor); default the
    /// session's <c>Connect-Mgw -ScheduleTimeZone</c>, else UTC.
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    public string? ServiceTimeZone { get; set; }

    /// <summary>List the runs after this instant (0001-01-04 to 9999-12-28, UTC); default now.</summary>
    [Parameter]
    public DateTimeOffset? From { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (From is { } from)
        {
            try
            {
                CronBuilder.CheckFrom(from);
            }
            catch (MgwException e)
            {
                ThrowMgwError(e.Error, from);
            }
        }

        _options = new CronOptions
        {
            Next = Next,
            From = From,
            ServiceTimeZone = Zone(ServiceTimeZone ?? MgwSession.Get()?.ScheduleTimeZone ?? "UTC", nameof(ServiceTimeZone)),
            TimeZone = TimeZone is null ? null : Zone(TimeZone, nameof(TimeZone)),
        };
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(Build());
        }
        catch (MgwException e)
        {
            WriteMgwError(e.Error, ParameterSetName == ExpressionSet ? Expression : null, e.InnerException);
        }
    }

    private MgwCron Build()
    {
        switch (ParameterSetName)
        {
            case DailySet:
                return CronBuilder.Daily(At, _options);
            case WeeklySet:
                return CronBuilder.Weekly(DayOfWeek, At, _options);
            case MonthlySet:
                int[] shortMonthDays = DayOfMonth.Where(d => d > 28).Distinct().OrderBy(d => d).ToArray();
                if (shortMonthDays.Length > 0)
                {
                    WriteWarning(string.Format(
                        CultureInfo.InvariantCulture,
                        "Months without day {0} are skipped. For the last day of every month use -Expression '{1} {2} {3} L * ?'.",
                        string.Join(", ", shortMonthDays), At.Seconds, At.Minutes, At.Hours));
                }

                return CronBuilder.Monthly(DayOfMonth, At, _options);
            case HourlySet:
                return CronBuilder.Hourly(Minute, _options);
            default:
                MgwCron cron = CronBuilder.FromExpression(Expression, _options);
                if (CronBuilder.HasNumericDayOfWeek(Expression))
                {
                    WriteWarning($"Day-of-week numbers in '{Expression.Trim()}' are read the Unix way (0 and 7 = Sunday, 1 = Monday); Quartz counts 1 = Sunday. The result '{cron.Expression}' uses day names: check it says what you meant.");
                }

                return cron;
        }
    }

    private TimeZoneInfo Zone(string id, string field)
    {
        try
        {
            return CronBuilder.FindTimeZone(id, field);
        }
        catch (MgwException e)
        {
            ThrowMgwError(e.Error, id, e.InnerException);
            throw;
        }
    }
}
