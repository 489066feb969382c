using System;
using System.Collections.Generic;
using System.IO;
using MgwTools.Core.Credentials;

namespace MgwTools.Core.Tests;

/// <summary>A temporary HOME and a dictionary of variables; the real ones are never read.</summary>
internal sealed class FakeEnvironment : IMgwEnvironment, IDisposable
{
    public FakeEnvironment()
    {
        HomeDirectory = Path.Combine(Path.GetTempPath(), "mgw-home-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(HomeDirectory);
    }

    public Dictionary<string, string> Variables { get; } = new();

    public string HomeDirectory { get; }

    string? IMgwEnvironment.HomeDirectory => HomeDirectory;

    public string? GetVariable(string name) => Variables.TryGetValue(name, out string? v) ? v : null;

    public FakeEnvironment Set(string name, string value)
    {
        Variables[name] = value;
        return this;
    }

    public string WriteConfigJson(string json)
    {
        string path = Path.Combine(HomeDirectory, ".aliyun", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    public string WriteIni(string text, string? path = null)
    {
        path ??= Path.Combine(HomeDirectory, ".alibabacloud", "credentials.ini");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(HomeDirectory, recursive: true); } catch (IOException) { }
    }
}
