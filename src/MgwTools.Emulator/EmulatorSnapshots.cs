using System;
using System.Xml.Linq;
using MgwTools.Core.Wire;
using MgwTools.Core.Specs;

namespace MgwTools.Emulator;

/// <summary>A job as the emulator holds it, at the moment of the snapshot.</summary>
public sealed class EmulatorJob
{
    internal EmulatorJob(JobRecord job)
    {
        Name = job.Name;
        Version = job.Version;
        Status = job.Status;
        SourceAddress = job.Spec.SourceAddress!;
        DestinationAddress = job.Spec.DestinationAddress!;
        ParentName = job.ParentName;
        ParentVersion = job.ParentVersion;
        Depth = job.Depth;
        CreateTime = job.CreateTime;
        ModifyTime = job.ModifyTime;
        Owner = job.Owner;
        Runs = job.Runs.Count;
        ScheduledRuns = job.ScheduledRuns;
        // A copy, so a test cannot change the emulator's state through it.
        Spec = MgwJobSpecXml.Read(XElement.Parse(MgwJobSpecXml.Write(job.Spec)));
    }

    /// <summary>Job name.</summary>
    public string Name { get; }
    /// <summary>Job ID (a UUID).</summary>
    public string Version { get; }
    /// <summary>Status (<c>IMPORT_JOB_*</c>), brought up to the emulator clock.</summary>
    public string Status { get; }
    /// <summary>Source address name.</summary>
    public string SourceAddress { get; }
    /// <summary>Destination address name.</summary>
    public string DestinationAddress { get; }
    /// <summary>Parent job name, for a child job.</summary>
    public string? ParentName { get; }
    /// <summary>Parent job ID, for a child job.</summary>
    public string? ParentVersion { get; }
    /// <summary>0 for a top-level job, 1 for a child, and so on.</summary>
    public int Depth { get; }
    /// <summary>Creation time (emulator clock).</summary>
    public DateTimeOffset CreateTime { get; }
    /// <summary>Last change (emulator clock).</summary>
    public DateTimeOffset ModifyTime { get; }
    /// <summary>Owner account id.</summary>
    public string Owner { get; }
    /// <summary>Number of runs so far.</summary>
    public int Runs { get; }
    /// <summary>How many of them its schedule started (StartCronExpression; at most MaxScheduleCount).</summary>
    public int ScheduledRuns { get; }
    /// <summary>The spec as received.</summary>
    public MgwJobSpec Spec { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Status})";
}

/// <summary>A data address as the emulator holds it.</summary>
public sealed class EmulatorAddress
{
    internal EmulatorAddress(AddressRecord address)
    {
        Name = address.Name;
        AddressType = address.AddressType;
        Bucket = address.Detail.Element("Bucket")?.Value;
        Prefix = address.Detail.Element("Prefix")?.Value;
        RegionId = address.Detail.Element("RegionId")?.Value;
        CreateTime = address.CreateTime;
    }

    /// <summary>Address name.</summary>
    public string Name { get; }
    /// <summary>Address type (e.g. <c>oss</c>).</summary>
    public string AddressType { get; }
    /// <summary>Bucket, when given.</summary>
    public string? Bucket { get; }
    /// <summary>Prefix, when given.</summary>
    public string? Prefix { get; }
    /// <summary>Region id, when given.</summary>
    public string? RegionId { get; }
    /// <summary>Creation time (emulator clock).</summary>
    public DateTimeOffset CreateTime { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
