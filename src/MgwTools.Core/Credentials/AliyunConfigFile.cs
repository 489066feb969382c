using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace MgwTools.Core.Credentials;

/// <summary>One profile of the aliyun CLI's <c>~/.aliyun/config.json</c> (only the fields MgwTools reads).</summary>
internal sealed class AliyunProfile
{
    public string Name { get; set; } = "";
    public string Mode { get; set; } = "";
    public string? AccessKeyId { get; set; }
    public string? AccessKeySecret { get; set; }
    public string? StsToken { get; set; }
    public string? RegionId { get; set; }
}

/// <summary>
/// Reads the aliyun CLI's profile file: <c>{"current": "name", "profiles": [{"name", "mode",
/// "access_key_id", "access_key_secret", "sts_token", "region_id", …}]}</c> (mgw-api.md §3.7).
/// </summary>
internal sealed class AliyunConfigFile
{
    private AliyunConfigFile(string path, string? current, IReadOnlyList<AliyunProfile> profiles)
    {
        Path = path;
        Current = current;
        Profiles = profiles;
    }

    /// <summary>Where the file is.</summary>
    public string Path { get; }

    /// <summary>The file's <c>current</c> profile name, if any.</summary>
    public string? Current { get; }

    /// <summary>The profiles in file order.</summary>
    public IReadOnlyList<AliyunProfile> Profiles { get; }

    /// <summary>The largest profile file read; the CLI writes a few KiB.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The file's path under <paramref name="home"/>.</summary>
    public static string PathUnder(string home) => System.IO.Path.Combine(home, ".aliyun", "config.json");

    /// <summary>The profile called <paramref name="name"/> (exact match first, then ignoring case).</summary>
    public AliyunProfile? Find(string name)
    {
        foreach (AliyunProfile p in Profiles)
        {
            if (string.Equals(p.Name, name, StringComparison.Ordinal)) return p;
        }

        foreach (AliyunProfile p in Profiles)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p;
        }

        return null;
    }

    /// <summary>Reads the file; null when it does not exist.</summary>
    /// <exception cref="MgwException"><see cref="MgwErrorCodes.InvalidCredentialsFile"/> when it does not parse.</exception>
    public static AliyunConfigFile? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string text;
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                throw Invalid(path, $"it is larger than {MaxFileBytes / 1024 / 1024} MiB, far more than any profile file");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(path, $"it cannot be read ({e.GetType().Name})");
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text, new JsonDocumentOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, "its top level is not a JSON object");
            }

            string? current = GetString(root, "current");
            var profiles = new List<AliyunProfile>();
            if (root.TryGetProperty("profiles", out JsonElement list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid(path, "'profiles' is not an array");
                }

                foreach (JsonElement item in list.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    profiles.Add(new AliyunProfile
                    {
                        Name = GetString(item, "name") ?? "",
                        Mode = GetString(item, "mode") ?? "",
                        AccessKeyId = GetString(item, "access_key_id"),
                        AccessKeySecret = GetString(item, "access_key_secret"),
                        StsToken = GetString(item, "sts_token"),
                        RegionId = GetString(item, "region_id"),
                    });
                }
            }

            return new AliyunConfigFile(path, current, profiles);
        }
        catch (JsonException e)
        {
            // Only the position: the parser's own message may quote file content, i.e. a secret.
            throw Invalid(path, $"it is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})");
        }
    }

    /// <summary>
    /// The profile names in the file, for completion; never throws. Names with control or invisible
    /// formatting characters, or longer than 128 characters, are left out: a completion menu would
    /// print them as they are.
    /// </summary>
    public static IReadOnlyList<string> TryReadProfileNames(IMgwEnvironment environment)
    {
        try
        {
            string? home = environment.HomeDirectory;
            AliyunConfigFile? file = home is null ? null : Read(PathUnder(home));
            if (file is null) return Array.Empty<string>();
            var names = new List<string>();
            foreach (AliyunProfile p in file.Profiles)
            {
                if (p.Name.Length is > 0 and <= 128 && !p.Name.Any(ShownText.IsHidden)) names.Add(p.Name);
            }

            return names;
        }
        catch (Exception e) when (e is MgwException or IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static MgwException Invalid(string path, string why) => new(new MgwError
    {
        Code = MgwErrorCodes.InvalidCredentialsFile,
        Message = $"The aliyun CLI profile file '{ShownText.Of(path, 128)}' cannot be used: {why}. Fix or remove it, or set ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true to skip it.",
        Field = "ProfileName",
        Value = path,
    });
}
