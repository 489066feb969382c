using System.Globalization;
using System.Xml.Linq;

namespace MgwTools.Core.Wire;

/// <summary>
/// The request bodies other than CreateJob's (<see cref="MgwJobSpecXml"/>): no declaration, no whitespace, unset
/// values omitted (mgw-api.md §2.4, §2.7, §2.8).
/// </summary>
internal static class MgwRequestXml
{
    /// <summary>UpdateJob with a status change: <c>&lt;ImportJob&gt;&lt;Status&gt;…</c>.</summary>
    public static string JobStatus(MgwJobStatus status) =>
        WireXml.Write(new XElement("ImportJob", new XElement("Status", status.Value)));

    /// <summary>UpdateJob with new throttling: <c>&lt;ImportJob&gt;&lt;ImportQos&gt;…</c>.</summary>
    public static string JobQos(long? maxBandwidth, long? maxQps) =>
        WireXml.Write(new XElement("ImportJob", new XElement("ImportQos",
            new XElement("MaxBandWidth", maxBandwidth?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new XElement("MaxImportTaskQps", maxQps?.ToString(CultureInfo.InvariantCulture) ?? ""))));

    /// <summary>CreateReport: <c>&lt;CreateReport&gt;</c> with the job name and/or ID and the run.</summary>
    public static string CreateReport(string? jobName, string? version, int? runtimeId) =>
        WireXml.Write(new XElement("CreateReport",
            new XElement("JobName", jobName ?? ""),
            new XElement("Version", version ?? ""),
            new XElement("RuntimeId", runtimeId?.ToString(CultureInfo.InvariantCulture) ?? "")));

    /// <summary>CreateAddress: the name, tags and detail, secrets included (they are write-only).</summary>
    public static string CreateAddress(string name, string? tags, MgwAddressDetail detail) =>
        WireXml.Write(new XElement("ImportAddress",
            new XElement("Name", name),
            new XElement("Tags", tags ?? ""),
            new XElement("AddressDetail",
                new XElement("AddressType", detail.AddressType ?? ""),
                new XElement("Bucket", detail.Bucket ?? ""),
                new XElement("Domain", detail.Domain ?? ""),
                new XElement("AccessId", detail.AccessId ?? ""),
                new XElement("AccessSecret", detail.AccessSecret ?? ""),
                new XElement("Prefix", detail.Prefix ?? ""),
                new XElement("RegionId", detail.RegionId ?? ""),
                new XElement("Role", detail.Role ?? ""),
                new XElement("AgentList", detail.AgentList ?? ""),
                new XElement("InvBucket", detail.InvBucket ?? ""),
                new XElement("InvDomain", detail.InvDomain ?? ""),
                new XElement("InvAccessId", detail.InvAccessId ?? ""),
                new XElement("InvAccessSecret", detail.InvAccessSecret ?? ""),
                new XElement("InvPath", detail.InvPath ?? ""),
                new XElement("InvRegionId", detail.InvRegionId ?? ""),
                new XElement("InvRole", detail.InvRole ?? ""),
                new XElement("InvLocation", detail.InvLocation ?? ""),
                new XElement("DataType", detail.DataType ?? ""),
                new XElement("HdfsAuthConfig",
                    new XElement("AuthType", detail.HdfsAuthType ?? ""),
                    new XElement("UserName", detail.HdfsUserName ?? "")))));

    /// <summary>UpdateAddress: the new agent list.</summary>
    public static string UpdateAddress(string? agentList) =>
        WireXml.Write(new XElement("ImportAddress", new XElement("AgentList", agentList ?? "")));
}
