using System;
using System.Collections.Generic;
using System.IO;

namespace MgwTools.Core.Credentials;

/// <summary>
/// Reads the Alibaba Cloud credentials file (<c>~/.alibabacloud/credentials.ini</c>): sections of
/// <c>key = value</c> lines, <c>;</c> or <c>#</c> comments. Parsed by hand: no package MgwTools may ship
/// reads INI, and the format needs thirty lines.
/// </summary>
internal sealed class CredentialsIniFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections;

    private CredentialsIniFile(string path, Dictionary<string, Dictionary<string, string>> sections)
    {
        Path = path;
        _sections = sections;
    }

    /// <summary>Where the file is.</summary>
    public string Path { get; }

    /// <summary>The file's path under <paramref name="home"/>.</summary>
    public static string PathUnder(string home) => System.IO.Path.Combine(home, ".alibabacloud", "credentials.ini");

    /// <summary>The keys of a section (names ignore case), or null when there is no such section.</summary>
    public IReadOnlyDictionary<string, string>? Section(string name) =>
        _sections.TryGetValue(name, out Dictionary<string, string>? keys) ? keys : null;

    /// <summary>The largest credentials file read; real ones hold a few sections.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Reads the file; null when it does not exist.</summary>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.InvalidCredentialsFile"/> when it is larger than <see cref="MaxFileBytes"/>.</exception>
    public static CredentialsIniFile? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw new MgwException(new MgwError
            {
                Code = MgwErrorCodes.InvalidCredentialsFile,
                Message = $"The credentials file '{ShownText.Of(path, 128)}' cannot be used: it is larger than {MaxFileBytes / 1024 / 1024} MiB, far more than any credentials file. Fix or remove it, or point {CredentialChain.CredentialsFileVariable} at another file.",
                Field = "Credential",
                Value = path,
            });
        }

        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, string>? section = null;
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == ';' || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[' && line[line.Length - 1] == ']')
            {
                string name = line.Substring(1, line.Length - 2).Trim();
                if (!sections.TryGetValue(name, out section))
                {
                    section = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    sections[name] = section;
                }

                continue;
            }

            int eq = line.IndexOf('=');
            if (eq <= 0 || section is null)
            {
                continue; // not a key line, or a key before any section: the credentials library ignores both
            }

            section[line.Substring(0, eq).Trim()] = Unquote(line.Substring(eq + 1).Trim());
        }

        return new CredentialsIniFile(path, sections);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0]
            ? value.Substring(1, value.Length - 2)
            : value;
}
