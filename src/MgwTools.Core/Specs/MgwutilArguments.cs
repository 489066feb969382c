using System;
using System.Collections.Generic;
using System.Linq;

namespace MgwTools.Core.Specs;

/// <summary>
/// Reads mgwutil's own command-line form, <c>--src-address oss-src --create-report</c>, so the vendor's
/// <c>mgwutil create-job</c> line works after <c>New-MgwJob</c> / <c>Test-MgwJobSpec</c> as it is written.
/// PowerShell hands a <c>--flag</c> to the cmdlet as a plain argument; this turns the leftovers into
/// (field, text) pairs for <see cref="SpecBinder.Bind"/>. A boolean flag takes no value (mgwutil: "if present,
/// enabled"); every other flag takes the next argument. Anything it cannot place is a finding, never an exception.
/// </summary>
public static class MgwutilArguments
{
    /// <summary>The pairs read from <paramref name="arguments"/>; problems are added to <paramref name="findings"/>.</summary>
    /// <param name="arguments">The arguments PowerShell left over, in order.</param>
    /// <param name="alreadyGiven">Fields bound as PowerShell parameters; giving one again as a flag is a finding.</param>
    /// <param name="findings">Receives InvalidValue findings for unknown flags, missing values and stray arguments.</param>
    public static IReadOnlyList<KeyValuePair<string, object?>> Read(IReadOnlyList<string> arguments, ICollection<string> alreadyGiven, IList<MgwError> findings)
    {
        var pairs = new List<KeyValuePair<string, object?>>();
        var seen = new HashSet<string>(alreadyGiven, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                findings.Add(Stray(argument));
                continue;
            }

            string flag = argument.Substring(2);
            string? field = JobFields.Find(flag)?.Name;
            if (field is null)
            {
                findings.Add(Finding(flag, argument, $"'{argument}' is not a create-job flag. The flags are those of mgwutil create-job, such as --src-address, --overwrite-mode and --max-bandwidth."));
                // Its value, if it has one, goes with it: one mistake, one finding.
                if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("-", StringComparison.Ordinal))
                {
                    i++;
                }

                continue;
            }

            object? value;
            if (JobFields.Get(field).IsSwitch)
            {
                value = true;
            }
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = arguments[++i];
            }
            else
            {
                findings.Add(Finding(field, null, $"'{argument}' needs a value after it, e.g. {argument} <value>."));
                continue;
            }

            if (!seen.Add(field))
            {
                findings.Add(Finding(field, value, $"{field} is given twice (once as '{argument}'); give it once."));
                continue;
            }

            pairs.Add(new KeyValuePair<string, object?>(field, value));
        }

        return pairs;
    }

    private static MgwError Stray(string argument) => argument.StartsWith("-", StringComparison.Ordinal)
        ? Finding("", argument, $"'{argument}' is not a parameter of this command. Use a PowerShell parameter (-SourceAddress), its API or mgwutil name (-SrcAddress, -src-address), or mgwutil's own form (--src-address).")
        : Finding("", argument, $"'{argument}' is an extra argument: only the job name may be given without a parameter name.");

    private static MgwError Finding(string field, object? value, string message) =>
        new() { Code = MgwErrorCodes.InvalidValue, Field = field, Value = value, Message = message };
}
