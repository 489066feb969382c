using System;
using System.IO;
using System.Runtime.InteropServices;

namespace MgwTools.Core.Credentials;

/// <summary>
/// The process environment as the credential chain sees it: variables and the home folder.
/// Tests pass a fake so they never read the real ~/.aliyun or the machine's variables.
/// </summary>
public interface IMgwEnvironment
{
    /// <summary>The value of an environment variable, or null when it is not set.</summary>
    string? GetVariable(string name);

    /// <summary>The user's home folder (where .aliyun and .alibabacloud live), or null if unknown.</summary>
    string? HomeDirectory { get; }
}

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironment : IMgwEnvironment
{
    /// <summary>The one instance.</summary>
    public static ProcessEnvironment Instance { get; } = new();

    private ProcessEnvironment()
    {
    }

    /// <inheritdoc />
    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    /// <inheritdoc />
    /// <remarks>
    /// Read from the variables on every call (not cached), so <c>$env:HOME = …</c> in the session takes
    /// effect at once, as it does for the aliyun CLI: HOME, then USERPROFILE on Windows.
    /// </remarks>
    public string? HomeDirectory
    {
        get
        {
            string? home = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? FirstSet("USERPROFILE", "HOME")
                : FirstSet("HOME");
            if (home is null)
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            return string.IsNullOrEmpty(home) ? null : Path.GetFullPath(home);
        }
    }

    private static string? FirstSet(params string[] names)
    {
        foreach (string name in names)
        {
            string? value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return null;
    }
}
