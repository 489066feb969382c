# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Runs a script the way a CI runner does: `pwsh -File run.ps1` in a fresh process, stdout and stderr into ONE log file
# (as the agent reads them), with the runner's environment variables and none of this machine's own CI variables.

# The CI variables a child never inherits from the machine running the tests (which may itself be a CI runner).
$script:CiVariables = 'TF_BUILD', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'GITHUB_WORKSPACE', 'BUILD_SOURCESDIRECTORY',
    'SYSTEM_DEFAULTWORKINGDIRECTORY', 'AGENT_TEMPDIRECTORY', 'MGW_CSV', 'MGW_FIXED_CSV'

# Writes $Script to a file, runs it with `pwsh -NoProfile -NonInteractive -File`, and returns
# @{ ExitCode; Log (the raw text, both streams in order); Lines; Clean (the log without ANSI colour codes) }.
# The module is imported first; $Environment adds variables. Bounded: a child that runs 3 minutes is killed.
function Invoke-CiChild {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        [string] $Name = 'run'
    )
    $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $folder | Out-Null
    $file = Join-Path $folder "$Name.ps1"
    $log = Join-Path $folder "$Name.log"
    Set-Content -LiteralPath $file -Value "Import-Module '$script:ModuleManifest' -ErrorAction Stop`n$Script" -Encoding utf8NoBOM
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $start = [System.Diagnostics.ProcessStartInfo]::new()
    if ($IsWindows) {
        $start.FileName = 'cmd.exe'
        $start.Arguments = "/d /c `"`"$pwsh`" -NoProfile -NonInteractive -File `"$file`" > `"$log`" 2>&1`""
    }
    else {
        $start.FileName = '/bin/sh'
        $start.ArgumentList.Add('-c')
        $start.ArgumentList.Add('exec "$0" -NoProfile -NonInteractive -File "$1" > "$2" 2>&1')
        $start.ArgumentList.Add($pwsh)
        $start.ArgumentList.Add($file)
        $start.ArgumentList.Add($log)
    }
    $start.UseShellExecute = $false
    $start.WorkingDirectory = $folder
    foreach ($name in $script:CiVariables) { $null = $start.Environment.Remove($name) }
    $start.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
    foreach ($key in $Environment.Keys) { $start.Environment[$key] = [string]$Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        if (-not $process.WaitForExit(180000)) {
            $process.Kill($true)
            throw "The child pwsh ran over 3 minutes: $file"
        }
        $text = if (Test-Path $log) { [IO.File]::ReadAllText($log) } else { '' }
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Log      = $text
            Lines    = @($text -split "\r?\n")
            Clean    = $text -replace "\e\[[0-9;?]*[A-Za-z]", ''
            Folder   = $folder
        }
    }
    finally { $process.Dispose() }
}

# What the Azure Pipelines agent would run from a log: the area.event of the first '##vso[' of each line (the agent
# looks for it anywhere in a line, case-insensitively).
function Get-AzureCommand([string[]] $Lines) {
    foreach ($line in $Lines) {
        $at = $line.IndexOf('##vso[', [StringComparison]::OrdinalIgnoreCase)
        if ($at -ge 0) {
            $rest = $line.Substring($at + 6)
            [pscustomobject]@{ Command = ($rest -split '[ \]]', 2)[0]; AtStart = $at -eq 0; Line = $line }
        }
    }
}

# What the GitHub Actions runner would run: every line that starts with '::' once trimmed.
function Get-GitHubCommand([string[]] $Lines) {
    foreach ($line in $Lines) {
        $trimmed = $line.Trim()
        if ($trimmed.StartsWith('::')) {
            [pscustomobject]@{ Command = ($trimmed.Substring(2) -split '[ :]', 2)[0]; AtStart = $line.StartsWith('::'); Line = $line }
        }
    }
}

# The Azure Pipelines agent's unescaping of a message or property value.
function ConvertFrom-AzureEscape([string] $Text) {
    $Text.Replace('%0D', "`r").Replace('%0A', "`n").Replace('%5D', ']').Replace('%3B', ';').Replace('%AZP25', '%')
}
