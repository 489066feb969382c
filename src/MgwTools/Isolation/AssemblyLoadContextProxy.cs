using System;
using System.Reflection;

namespace MgwTools.Isolation;

/// <summary>
/// A custom AssemblyLoadContext created by reflection, because netstandard2.0 cannot name the type
/// (the pattern of PSResourceGet and platyPS). On Windows PowerShell there is no such type: null.
/// </summary>
internal sealed class AssemblyLoadContextProxy
{
    private readonly object _loadContext;
    private readonly MethodInfo _loadFromAssemblyPath;

    private AssemblyLoadContextProxy(Type alcType, string name)
    {
        _loadContext = Activator.CreateInstance(alcType, name, false)!;
        _loadFromAssemblyPath = alcType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
    }

    /// <summary>Creates the context, or returns null where AssemblyLoadContext does not exist (.NET Framework).</summary>
    internal static AssemblyLoadContextProxy? CreateLoadContext(string name)
    {
        Type? alcType = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
        return alcType is null ? null : new AssemblyLoadContextProxy(alcType, name);
    }

    internal Assembly LoadFromAssemblyPath(string path) =>
        (Assembly)_loadFromAssemblyPath.Invoke(_loadContext, new object[] { path })!;
}
