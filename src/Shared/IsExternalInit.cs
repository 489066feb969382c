// Written by hand: netstandard2.0 lacks this marker type, which C# needs for `init` accessors and
// records. No served package is worth a dependency for one empty class.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
