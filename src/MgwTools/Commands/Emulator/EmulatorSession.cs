namespace MgwTools.Commands;

/// <summary>The one place where the local service meets the session context (<see cref="MgwSession"/>).</summary>
internal static class EmulatorSession
{
    /// <summary>
    /// Points the current runspace's context at <paramref name="info"/>, with its generated key pair
    /// (credential source "Emulator") and the schedule time zone of the context it replaces.
    /// </summary>
    public static MgwContext Connect(MgwEmulatorInfo info)
    {
        MgwContext? previous = MgwSession.Get();
        var credentials = new MgwCredentials(info.Emulator.AccessKeyId, info.Emulator.AccessKeySecret, info.Emulator.SecurityToken, "Emulator");
        var context = new MgwContext(info.AccountId, info.Region, info.Endpoint, credentials,
            previous?.ScheduleTimeZone ?? MgwContext.DefaultScheduleTimeZone);
        MgwSession.Set(context);
        info.Context = context;
        return context;
    }

    /// <summary>Clears the context if it still points at <paramref name="info"/>; true when it did.</summary>
    public static bool Disconnect(MgwEmulatorInfo info)
    {
        if (info.Context is null || !ReferenceEquals(MgwSession.Get(), info.Context))
        {
            return false;
        }

        MgwSession.Clear();
        return true;
    }
}
