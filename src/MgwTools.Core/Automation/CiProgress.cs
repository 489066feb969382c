using System;

namespace MgwTools.Core.Automation;

/// <summary>
/// When a long run tells a CI log how far it is, where no progress bar can be seen: a percentage for Azure Pipelines'
/// <c>task.setprogress</c> every 5 %, and a plain line every 10 % (or every <see cref="RowsPerLine"/> rows when the total
/// is not known), so a log shows the run moving without a line per row.
/// </summary>
public sealed class CiProgress
{
    /// <summary>Rows per plain line when the total is not known (piped input).</summary>
    public const int RowsPerLine = 50;

    private int _lastPercent = -1;
    private int _lastStep;

    /// <summary>
    /// What to report now that <paramref name="done"/> rows of <paramref name="total"/> (null: not known) are done:
    /// <c>Percent</c> when the percentage moved by 5 or reached 100, <c>Line</c> when a plain line is due.
    /// </summary>
    public (int? Percent, bool Line) Next(int done, int? total)
    {
        if (total is int all && all > 0)
        {
            int percent = (int)Math.Min(100, (long)Math.Max(0, done) * 100 / all);
            int? report = null;
            if (percent >= _lastPercent + 5 || (percent == 100 && _lastPercent < 100))
            {
                report = percent;
                _lastPercent = percent;
            }

            int step = percent / 10;
            bool line = step > _lastStep;
            if (line) _lastStep = step;
            return (report, line);
        }

        int rows = Math.Max(0, done) / RowsPerLine;
        bool due = rows > _lastStep;
        if (due) _lastStep = rows;
        return (null, due);
    }
}
