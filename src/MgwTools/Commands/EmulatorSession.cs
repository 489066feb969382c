namespace MgwTools.Commands;

/// <summary>The one place where the local service meets the session context (Connect-Mgw's MgwSession).</summary>
internal static class EmulatorSession
{
    /// <summary>Points the current runspace's context at <paramref name="info"/>.</summary>
    public static void Connect(MgwEmulatorInfo info)
    {
        info.Connected = false;
    }

    /// <summary>Clears the context if it points at <paramref name="info"/>.</summary>
    public static void Disconnect(MgwEmulatorInfo info)
    {
        info.Connected = false;
    }
}
