namespace MgwTools;

/// <summary>What the user asks for with <c>-CIOutput</c> or <c>$MgwCIOutput</c>.</summary>
public enum MgwCIOutput
{
    /// <summary>The runner the environment names (<c>TF_BUILD</c>, <c>GITHUB_ACTIONS</c>); none outside CI.</summary>
    Auto,
    /// <summary>No logging commands, even in CI.</summary>
    None,
    /// <summary>Azure Pipelines logging commands.</summary>
    AzurePipelines,
    /// <summary>GitHub Actions workflow commands.</summary>
    GitHubActions,
}
