using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace MgwTools.Loader;

/// <summary>
/// The module's private load context (PowerShell 7): binds every assembly found in dependencies/ from
/// there, except the ones the runtime itself provides at the version asked for (System.Text.Json,
/// System.Memory and the other netstandard2.0 polyfills), which stay shared with the default context.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private readonly string _folder;
    private readonly Dictionary<string, string> _platform = new(StringComparer.OrdinalIgnoreCase);

    internal ModuleLoadContext(string name, string folder)
    {
        _folder = folder;
        // The name-taking constructor (.NET Core 3.0+) is not in the netstandard reference of
        // System.Runtime.Loader, so set the name the runtime reports through AssemblyLoadContext.Name.
        typeof(AssemblyLoadContext).GetField("_name", BindingFlags.Instance | BindingFlags.NonPublic)?.SetValue(this, name);

        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (string path in trusted.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
        {
            _platform[Path.GetFileNameWithoutExtension(path)] = path;
        }
    }

    /// <summary>Whether dependencies/ holds an assembly of that name.</summary>
    internal bool Has(AssemblyName name) => File.Exists(PathOf(name));

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string path = PathOf(assemblyName);
        if (!File.Exists(path) || ProvidedByRuntime(assemblyName))
        {
            return null;
        }

        return LoadFromAssemblyPath(path);
    }

    private string PathOf(AssemblyName name) => Path.Combine(_folder, name.Name + ".dll");

    private bool ProvidedByRuntime(AssemblyName name)
    {
        if (!_platform.TryGetValue(name.Name!, out string? path))
        {
            return false;
        }

        Version? version = AssemblyName.GetAssemblyName(path).Version;
        return name.Version is null || (version is not null && version >= name.Version);
    }
}
