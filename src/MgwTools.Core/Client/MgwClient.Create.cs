using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Wire;

namespace MgwTools.Core.Client;

/// <summary>What <see cref="MgwClient.CreateJobSafelyAsync"/> did.</summary>
public sealed class MgwCreateOutcome
{
    internal MgwCreateOutcome(MgwJob job, int sends, IReadOnlyList<MgwError> ambiguousFailures)
    {
        Job = job;
        Sends = sends;
        AmbiguousFailures = ambiguousFailures;
    }

    /// <summary>The job as the service reports it after creation (GetJob).</summary>
    public MgwJob Job { get; }

    /// <summary>How many times <c>POST /job</c> was sent (throttled answers retried inside one send are not counted).</summary>
    public int Sends { get; }

    /// <summary>Failures after which the service may have created the job (network, timeout, 5xx), in order.</summary>
    public IReadOnlyList<MgwError> AmbiguousFailures { get; }

    /// <summary>True when a lookup, not an answer to POST, proved the job was created.</summary>
    public bool Recovered { get; internal set; }
}

public sealed partial class MgwClient
{
    /// <summary>
    /// Creates a job without ever creating it twice or losing it (design §6):
    /// <list type="number">
    /// <item><c>POST /job</c> is sent once (429/throttling answers, which prove nothing was done, are retried with backoff).</item>
    /// <item>After an ambiguous failure (network error, timeout, 5xx) <c>GET /job/{name}</c> decides: the job exists
    /// with the same spec (<see cref="MgwJobSpec.DifferingFields"/> empty) → success, created once; it does not exist →
    /// send again, at most <see cref="MgwClientOptions.MaxRetries"/> more times, with backoff; it exists with another
    /// spec → <see cref="MgwException"/> <c>ImportJobSpecConflict</c> naming the differing fields.</item>
    /// <item>If a re-send is answered <c>ImportJobAlreadyExist</c>, an earlier send landed after all; the same lookup decides.
    /// On the first send that answer is the service's error, unchanged (the job existed before this call).</item>
    /// </list>
    /// Returns the job from GetJob. Any other error propagates unchanged. A failure after the create was answered
    /// (the read-back failed, or named another job) says the job was created and how to settle it.
    /// </summary>
    /// <exception cref="MgwException">
    /// The service's error, <c>ImportJobSpecConflict</c>, the last ambiguous failure when retries ran out,
    /// <c>InvalidName</c> (nothing sent), or <c>InvalidResponse</c> (a read-back that is not XML, or about another job).
    /// </exception>
    public async Task<MgwCreateOutcome> CreateJobSafelyAsync(MgwJobSpec spec, CancellationToken cancellationToken = default)
    {
        if (spec is null) throw new ArgumentNullException(nameof(spec));
        string name = Segment(spec.Name, "job", "Name");
        string body = MgwJobSpecXml.Write(spec);
        var ambiguous = new List<MgwError>();

        for (int send = 1; ; send++)
        {
            try
            {
                await SendAsync(new MgwCall(HttpMethod.Post, "/job", body), cancellationToken).ConfigureAwait(false);
            }
            catch (MgwException ex) when (send > 1 && ambiguous.Count > 0 && ex.Error.Kind == MgwErrorKind.Exists)
            {
                Log($"MGW POST /job: {ex.Error.Code} after an unanswered attempt; looking up job '{name}'");
                MgwJob? existing = await LookUpAfterAsync(ambiguous[ambiguous.Count - 1], name, cancellationToken).ConfigureAwait(false);
                if (existing is null) throw;
                return Matched(spec, existing, send, ambiguous);
            }
            catch (MgwException ex) when (MgwErrorKinds.MayHaveBeenDone(ex.Error.Kind))
            {
                ambiguous.Add(ex.Error);
                Log($"MGW POST /job: {ex.Error.Code} may have created job '{name}'; looking it up before sending again");
                MgwJob? existing = await LookUpAfterAsync(ex.Error, name, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    return Matched(spec, existing, send, ambiguous);
                }

                if (send > _options.MaxRetries)
                {
                    throw;
                }

                await Task.Delay(NextDelay(send - 1, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Answered: the job exists now, whatever happens to the read-back.
            MgwJob created = await ReadBackAsync(name, cancellationToken).ConfigureAwait(false);
            return new MgwCreateOutcome(created, send, ambiguous);
        }
    }

    /// <summary>
    /// GetJob after a create that was answered 2xx (<paramref name="what"/> names the step in messages). Its failure,
    /// and an answer about another job or none (<c>InvalidResponse</c>), says the job was created and how to settle it.
    /// </summary>
    internal Task<MgwJob> ReadBackAsync(string name, CancellationToken cancellationToken, string what = "reading it back") =>
        AfterCreateAsync(name, what + " failed", () => GetJobAsync(name, false, cancellationToken));

    /// <summary>
    /// Runs a step that follows a successful create (read-back, start). Its failure must not read as a failed
    /// create: the error keeps its code (so a credential error still stops a run) but says the job exists, and how
    /// to settle it, apart from the step's own message: "Job 'x' was created, but … failed: &lt;message&gt;. (&lt;remedy&gt;)".
    /// </summary>
    internal static async Task<T> AfterCreateAsync<T>(string name, string whatFailed, Func<Task<T>> step, string? remedy = null)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        // An answer the client cannot use (a proxy's page, another job) keeps its own words first; the note says what
        // the create's success means, and that a re-run settles it even if something else answered the create too.
        catch (MgwException ex) when (ex.Error.Kind == MgwErrorKind.InvalidResponse)
        {
            MgwError error = ex.Error.WithContext(null, name);
            error.Message = MgwMessages.Append(ex.Error.Message,
                $"Job '{name}' was created: its create was answered as a success. If something other than the service answered, " +
                "it may not exist: run the same command again with -SkipExisting once the service answers properly; it returns the " +
                "job if it was created, and creates it if not.");
            throw new MgwException(error, ex);
        }
        catch (MgwException ex)
        {
            MgwError error = ex.Error.WithContext(null, name);
            error.Message = $"Job '{name}' was created, but {whatFailed}: " +
                MgwMessages.Append(ex.Error.Message, remedy ?? "It exists on the service: run the same command again with -SkipExisting to get it.");
            throw new MgwException(error, ex);
        }
    }

    /// <summary>
    /// The conflict reported when job <paramref name="jobName"/> exists with another definition: code
    /// <c>ImportJobSpecConflict</c>, <see cref="MgwError.Value"/> = the differing field names.
    /// </summary>
    public static MgwError ImportJobSpecConflict(string jobName, IReadOnlyList<string> differingFields) => new()
    {
        Code = MgwErrorCodes.ImportJobSpecConflict,
        Message = $"Job '{jobName}' already exists with a different definition (differs in: {string.Join(", ", differingFields)}). Use another name, or delete the existing job first.",
        JobName = jobName,
        Field = differingFields.Count > 0 ? differingFields[0] : null,
        Value = differingFields,
    };

    // The lookup that decides an ambiguous send. When it fails as well, nobody knows whether the job exists: say so,
    // under the send's own error, rather than report a failed GET the caller never asked for.
    private Task<MgwJob?> LookUpAfterAsync(MgwError sendFailure, string name, CancellationToken cancellationToken) =>
        LookUpAfterAsync(sendFailure, "job", name, name, TryGetJobAsync, cancellationToken);

    // The same for any resource created with a lookup on an ambiguous send (jobs, addresses): the send's error, naming
    // the resource, when the lookup fails too. jobName is the error's JobName (null but for jobs).
    private static async Task<T?> LookUpAfterAsync<T>(MgwError sendFailure, string noun, string name, string? jobName,
        Func<string, CancellationToken, Task<T?>> tryGet, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await tryGet(name, cancellationToken).ConfigureAwait(false);
        }
        catch (MgwException lookup) when (MgwErrorKinds.MayHaveBeenDone(lookup.Error.Kind))
        {
            MgwError undecided = sendFailure.WithContext(null, jobName);
            undecided.Message = MgwMessages.Append(sendFailure.Message, $"Whether {noun} '{name}' was created is not known: looking it up failed too " +
                $"({lookup.Error.Message.TrimEnd('.')}). Run the same command again with -SkipExisting once the service answers: it returns " +
                $"the {noun} if it was created, and creates it if not.");
            throw new MgwException(undecided, lookup);
        }
    }

    private MgwCreateOutcome Matched(MgwJobSpec spec, MgwJob existing, int sends, List<MgwError> ambiguous)
    {
        IReadOnlyList<string> differing = spec.DifferingFields(existing.ToSpec());
        if (differing.Count > 0)
        {
            throw new MgwException(ImportJobSpecConflict(spec.Name!, differing));
        }

        Log($"MGW POST /job: job '{spec.Name}' exists with the requested definition; created once");
        return new MgwCreateOutcome(existing, sends, ambiguous) { Recovered = true };
    }
}
