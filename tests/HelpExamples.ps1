# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Dot-sourced by tests/HelpExamples.Tests.ps1: reads the examples of the help pages, runs them in a fresh pwsh
# (one per page) against fresh local services, and compares what they print with what the page shows.
#
# Markers in a page (whole-line HTML comments, which help leaves out; tools/New-MamlHelp.ps1):
#   <!-- setup: <PowerShell> -->      under '## EXAMPLES' before the first example: runs before every example
#                                     of the page; under an example's heading: runs after the page's setup,
#                                     before that example. May span lines; its output is not compared.
#   <!-- not-runnable: <reason> -->   under an example's heading: the example is not run (it needs a real
#                                     account, for example). Runnable is the default.
# No other marker is read: a whole-line comment of another kind ('<!-- known-drift: … -->', a misspelt marker)
# fails the page's test (Unknown), so no example is left unchecked; one that does not print what the page shows
# is re-recorded (tools/Update-HelpExample.ps1), not marked.
# Setups may call Start-ExampleClock (below) to let a manual clock of the local service move while a command waits.
# Each example runs in its own scope, in its own empty directory (with a copy of docs/examples under
# ./docs/examples), with an empty HOME, no ALIBABA_CLOUD_* variables, no context and no local service:
# nothing another example did is left.

$script:ExampleFence = '^ {0,3}(`{3,}|~{3,})\s*(\S*)\s*$'

# Whole-line comments of $Lines (outside fences): @{ Kind = 'setup'|'not-runnable'|...; Text }.
function Get-ExampleMarker([string[]] $Lines) {
    $markers = [System.Collections.Generic.List[object]]::new()
    $buffer = $null
    $fence = $false
    foreach ($line in $Lines) {
        if ($null -ne $buffer) {
            $end = $line.IndexOf('-->')
            if ($end -ge 0) { $buffer.Add($line.Substring(0, $end)); $markers.Add(($buffer -join "`n")); $buffer = $null }
            else { $buffer.Add($line) }
            continue
        }
        if ($line -match '^ {0,3}(`{3,}|~{3,})') { $fence = -not $fence; continue }
        if ($fence) { continue }
        if ($line -match '^ {0,3}<!--(.*)$') {
            $rest = $Matches[1]
            $end = $rest.IndexOf('-->')
            if ($end -ge 0) { $markers.Add($rest.Substring(0, $end)) }
            else { $buffer = [System.Collections.Generic.List[string]]::new(); $buffer.Add($rest) }
        }
    }
    foreach ($m in $markers) {
        if ($m -match '^\s*([a-z-]+)\s*:\s*(?s)(.*)$') { [pscustomobject]@{ Kind = $Matches[1]; Text = $Matches[2].Trim() } }
    }
}

# The examples of one page: Page, Number, Title, Runnable, Reason, Setup (page setup then the example's),
# Commands (@{ Command; Expected = output lines }), Line (of the heading).
function Read-HelpExample([string] $Path) {
    $page = [IO.Path]::GetFileNameWithoutExtension($Path)
    $lines = [IO.File]::ReadAllText($Path) -replace "`r`n?", "`n" -split "`n"
    $start = [Array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^##\s+EXAMPLES\s*$' })
    if ($start -lt 0) { return }
    $end = $lines.Count
    for ($i = $start + 1; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^##\s') { $end = $i; break } }
    $headings = @(for ($i = $start + 1; $i -lt $end; $i++) { if ($lines[$i] -match '^###\s+(.*?)\s*$') { $i } })
    $preamble = if ($headings) { $lines[($start + 1)..($headings[0] - 1)] } else { @() }
    $pageMarkers = @(Get-ExampleMarker $preamble)
    $pageSetup = @($pageMarkers | Where-Object Kind -EQ 'setup' | ForEach-Object Text)
    for ($h = 0; $h -lt $headings.Count; $h++) {
        $from = $headings[$h]; $to = if ($h + 1 -lt $headings.Count) { $headings[$h + 1] } else { $end }
        $title = $lines[$from] -replace '^###\s+', ''
        $number = if ($title -match '^Example\s+(\d+)') { [int]$Matches[1] } else { $h + 1 }
        $body = $lines[($from + 1)..($to - 1)]
        $markers = @(Get-ExampleMarker $body)
        $notRunnable = @($markers | Where-Object Kind -EQ 'not-runnable')
        $unknown = @(@($pageMarkers) + $markers | Where-Object Kind -NotIn 'setup', 'not-runnable')
        $setup = @($pageSetup) + @($markers | Where-Object Kind -EQ 'setup' | ForEach-Object Text)
        # The first powershell fence is the example; CodeStart and CodeEnd are the 0-based indexes in the page
        # of its first line and of the line after its last (tools/Update-HelpExample.ps1 rewrites them).
        $code = $null; $inFence = $false; $codeStart = -1; $codeEnd = -1
        for ($i = 0; $i -lt $body.Count; $i++) {
            $l = $body[$i]
            if (-not $inFence -and $l -match '^ {0,3}```\s*powershell\s*$') {
                $inFence = $true; $code = [System.Collections.Generic.List[string]]::new(); $codeStart = $from + 1 + $i + 1; continue
            }
            if ($inFence -and $l -match '^ {0,3}```\s*$') { $codeEnd = $from + 1 + $i; break }
            if ($inFence) { $code.Add($l) }
        }
        # Each command: its text, the page's lines that hold it (Source) and the output lines after them.
        $commands = [System.Collections.Generic.List[object]]::new()
        $continued = $false
        foreach ($l in @($code)) {
            if ($null -eq $l) { continue }
            # A command line ending in a backtick goes on in the next line.
            if ($continued) { $commands[-1].Command += "`n" + $l; $commands[-1].Source.Add($l); $continued = $l.TrimEnd().EndsWith('`'); continue }
            if ($l -match '^PS> ?(.*)$') {
                $continued = $Matches[1].TrimEnd().EndsWith('`')
                $commands.Add([pscustomobject]@{ Command = $Matches[1]; Source = [System.Collections.Generic.List[string]]@($l); Expected = [System.Collections.Generic.List[string]]::new() }) }
            elseif ($l -match '^>> ?(.*)$' -and $commands.Count) { $commands[-1].Command += "`n" + $Matches[1]; $commands[-1].Source.Add($l) }
            elseif ($commands.Count) { $commands[-1].Expected.Add($l) }
        }
        [pscustomobject]@{
            Page      = $page
            Number    = $number
            Title     = $title
            Line      = $from + 1
            Runnable  = $notRunnable.Count -eq 0
            Reason    = ($notRunnable | ForEach-Object Text) -join '; '
            Unknown   = @($unknown | ForEach-Object Kind)
            Setup     = ($setup -join "`n")
            Commands  = @($commands | ForEach-Object { [pscustomobject]@{ Command = $_.Command; Source = [string[]]$_.Source; Expected = [string[]]$_.Expected } })
            CodeStart = $codeStart
            CodeEnd   = $codeEnd
        }
    }
}

# The script a fresh pwsh runs for one page: -SpecPath (JSON of the runnable examples), -ModulePath,
# -WorkRoot, -ExamplesPath (docs/examples). It prints marker lines and, after each command's marker, what the
# command printed as a 120-column console shows it (objects formatted together, then error, warning and
# verbose records in the console's words; what-if lines come from the host).
$script:ExampleRunner = @'
param([string] $SpecPath, [string] $ModulePath, [string] $WorkRoot, [string] $ExamplesPath)
$ErrorActionPreference = 'Continue'
$PSStyle.OutputRendering = 'PlainText'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath -ErrorAction Stop
$out = [Console]::Out
function Write-Mark([string] $Text) { $out.WriteLine("@@MGW-EXAMPLE $Text"); $out.Flush() }

function Format-ExampleOutput {
    # Objects go through one formatter for the whole command, as Out-Default formats them at a console (one
    # table header, rows as they come); records are written when they come, as the host writes them.
    begin {
        $formatter = { Out-String -Stream -Width 120 }.GetSteppablePipeline()
        $formatter.Begin($true)
    }
    process {
        $item = $_
        $record = switch ($item) {
            { $_ -is [System.Management.Automation.ErrorRecord] } {
                # The console's concise view, '<Command>: <message>', on one line whatever the width.
                $message = if ($_.ErrorDetails -and $_.ErrorDetails.Message) { $_.ErrorDetails.Message } else { $_.Exception.Message }
                $command = if ($_.InvocationInfo -and $_.InvocationInfo.MyCommand) { $_.InvocationInfo.MyCommand.Name } else { $_.CategoryInfo.Activity }
                if ($command) { "${command}: $message" } else { $message }
                break
            }
            { $_ -is [System.Management.Automation.WarningRecord] } { "WARNING: $($_.Message)"; break }
            { $_ -is [System.Management.Automation.VerboseRecord] } { "VERBOSE: $($_.Message)"; break }
            { $_ -is [System.Management.Automation.DebugRecord] } { "DEBUG: $($_.Message)"; break }
            { $_ -is [System.Management.Automation.InformationRecord] } { [string]$_.MessageData; break }
        }
        if ($null -eq $record) { foreach ($line in $formatter.Process($item)) { $out.WriteLine($line) } }
        else { $out.WriteLine($record) }
    }
    end {
        foreach ($line in $formatter.End()) { $out.WriteLine($line) }
        $out.Flush()
    }
}

# For setups: time passes on local service $Service (started with -Clock Manual) while an example waits, so that
# Wait-MgwJob or Get-MgwJobReport -Wait get what they wait for without a real wait. A background thread moves
# the service's clock on a second every 20 ms: with -Job, only while one of those jobs is in a -While state (by
# default a running one), until each of them has been in one and is no more (so the clock stops where the jobs
# ended, whatever the machine's speed); then for -Seconds more (0 with -Job, 600 without).
function Start-ExampleClock {
    param(
        [Parameter(Mandatory)] $Service,
        [string[]] $Job = @(),
        [string[]] $While = @('IMPORT_JOB_LAUNCHING', 'IMPORT_JOB_PREPARING', 'IMPORT_JOB_DOING', 'IMPORT_JOB_CLOSING'),
        [int] $Seconds = $(if ($Job) { 0 } else { 600 })
    )
    $clock = [powershell]::Create()
    $null = $clock.AddScript({
            param($Service, [string[]] $Job, [string[]] $While, [int] $Seconds)
            $second = [TimeSpan]::FromSeconds(1)
            $seen = @{}
            while ($Job -and $Service.IsRunning) {
                $status = @{}
                foreach ($j in $Service.GetJobs()) { $status[$j.Name] = $j.Status }
                $busy = @($Job | Where-Object { $status[$_] -in $While })
                foreach ($name in $busy) { $seen[$name] = $true }
                if (-not $busy -and $seen.Count -eq @($Job | Select-Object -Unique).Count) { break }
                if ($busy) { $null = $Service.AdvanceClock($second) }
                Start-Sleep -Milliseconds 20
            }
            for ($i = 0; $i -lt $Seconds -and $Service.IsRunning; $i++) {
                $null = $Service.AdvanceClock($second)
                Start-Sleep -Milliseconds 20
            }
        }).AddArgument($Service).AddArgument($Job).AddArgument($While).AddArgument($Seconds)
    $null = $clock.BeginInvoke()
}

$variables = 'HOME', 'USERPROFILE', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN',
    'ALIBABA_CLOUD_ACCOUNT_ID', 'ALIBABA_CLOUD_REGION_ID', 'ALIBABA_CLOUD_PROFILE', 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED',
    'ALIBABA_CLOUD_CREDENTIALS_FILE'
foreach ($example in @(Get-Content -Raw $SpecPath | ConvertFrom-Json)) {
    # A clean slate: no local service, no context, no credentials, an empty HOME and working directory.
    while ($true) { try { Stop-MgwEmulator -ErrorAction Stop -Confirm:$false *> $null } catch { break } }
    Disconnect-Mgw *> $null
    foreach ($name in $variables) { [Environment]::SetEnvironmentVariable($name, $null) }
    $dir = Join-Path $WorkRoot "example-$($example.Number)"
    New-Item -ItemType Directory (Join-Path $dir 'home') -Force | Out-Null
    New-Item -ItemType Directory (Join-Path $dir 'docs') -Force | Out-Null
    Copy-Item $ExamplesPath (Join-Path $dir 'docs/examples') -Recurse
    $env:HOME = Join-Path $dir 'home'; $env:USERPROFILE = $env:HOME
    Set-Location $dir
    $Error.Clear()
    Write-Mark "BEGIN $($example.Number)"
    & {
        param($Example)
        if ($Example.Setup) {
            try { $null = . ([scriptblock]::Create($Example.Setup)) *>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { throw $_ } } }
            catch { Write-Mark "SETUP-FAILED $($Example.Number) $($_.Exception.Message)"; return }
        }
        for ($i = 0; $i -lt $Example.Commands.Count; $i++) {
            Write-Mark "COMMAND $($Example.Number) $i"
            try { . ([scriptblock]::Create($Example.Commands[$i].Command)) *>&1 | Format-ExampleOutput }
            catch { $_ | Format-ExampleOutput }
        }
    } $example
    Write-Mark "END $($example.Number)"
}
while ($true) { try { Stop-MgwEmulator -ErrorAction Stop -Confirm:$false *> $null } catch { break } }
'@

# Runs the runnable examples of one page in a fresh pwsh; returns @{ Output = all lines; Results = per example
# @{ Number; SetupError; Commands = actual output lines per command; Finished } }.
function Invoke-PageExample([object[]] $Examples, [string] $WorkRoot, [string] $ModulePath, [string] $ExamplesPath) {
    New-Item -ItemType Directory $WorkRoot -Force | Out-Null
    $spec = Join-Path $WorkRoot 'examples.json'
    ConvertTo-Json -InputObject @($Examples) -Depth 6 | Set-Content -Path $spec -Encoding utf8NoBOM
    $runner = Join-Path $WorkRoot 'run-examples.ps1'
    Set-Content -Path $runner -Value $script:ExampleRunner -Encoding utf8NoBOM
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $stderr = Join-Path $WorkRoot 'stderr.txt'
    $saved = $env:NO_COLOR
    $env:NO_COLOR = '1'
    try {
        $lines = @(& $pwsh -NoProfile -NonInteractive -File $runner -SpecPath $spec -ModulePath $ModulePath -WorkRoot $WorkRoot `
                -ExamplesPath $ExamplesPath 2> $stderr)
    }
    finally { $env:NO_COLOR = $saved }
    $results = @{}
    $current = $null; $command = $null
    foreach ($line in $lines) {
        if ($line -match '^@@MGW-EXAMPLE BEGIN (\d+)$') {
            $current = [pscustomobject]@{ Number = [int]$Matches[1]; SetupError = $null; Commands = @{}; Finished = $false }
            $results[$current.Number] = $current; $command = $null; continue
        }
        if ($line -match '^@@MGW-EXAMPLE SETUP-FAILED (\d+) (.*)$') { $current.SetupError = $Matches[2]; continue }
        if ($line -match '^@@MGW-EXAMPLE COMMAND (\d+) (\d+)$') {
            $command = [System.Collections.Generic.List[string]]::new(); $current.Commands[[int]$Matches[2]] = $command; continue
        }
        if ($line -match '^@@MGW-EXAMPLE END (\d+)$') { $current.Finished = $true; $command = $null; continue }
        if ($null -ne $command) { $command.Add($line) }
    }
    [pscustomobject]@{ Output = $lines; Stderr = (Test-Path $stderr) ? [IO.File]::ReadAllText($stderr) : ''; Results = $results }
}

# A line as compared: values that differ from run to run (or machine to machine: absolute paths) masked, runs of blanks and of dashes made one.
function ConvertTo-ComparableLine([string] $Line) {
    $l = $Line
    $l = $l -replace '(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b', '<id>'
    $l = $l -replace '\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?', '<date>'
    $l = $l -replace '\b\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2}(:\d{2})?( ?[AP]M)?)?( [+-]\d{2}:\d{2})?', '<date>'
    $l = $l -replace '\b\d{1,2}:\d{2}:\d{2}(\.\d+)?\b', '<time>'
    $l = $l -replace '\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w* <date>', '<date>'
    $l = $l -replace '\b\d+(\.\d+)?\s?(ms|s)\b(?! of)', '<duration>'
    $l = $l -replace '(?<=(127\.0\.0\.1|localhost|\[::1\]):)\d+', '<port>'
    $l = $l -replace '\bLTAI[0-9A-Za-z]{12,30}\b', '<key-id>'
    $l = $l -replace '\b[0-9A-F]{24}\b', '<request-id>'
    $l = $l -replace '(?<![\w.:/~])(/[^\s''"/]+)+/?', '<path>' -replace '\b[A-Za-z]:\\[^\s''"]*', '<path>'
    $l = $l -replace '-{2,}', '-'
    ($l -replace '\s+', ' ').Trim()
}

# Compares the output a page shows with the output produced, after ConvertTo-ComparableLine, as one text
# without blanks or line breaks (so neither column widths nor where a long line wraps matter, while every
# header and value does); a line that is only '…' or '...' in the page stands for any number of lines, and a '…'
# within a line for any text there (a figure that depends on timing, say; a cell cut short with '…' still matches).
function Test-ExampleOutput([string[]] $Expected, [string[]] $Actual) {
    $e = @($Expected | ForEach-Object { ConvertTo-ComparableLine $_ } | Where-Object { $_ })
    $a = @($Actual | ForEach-Object { ConvertTo-ComparableLine $_ } | Where-Object { $_ })
    $pattern = ($e | ForEach-Object {
            if ($_ -in '…', '...') { '.*' } else { (($_ -replace '\s', '') -split '…' | ForEach-Object { [regex]::Escape($_) }) -join '.*' }
        }) -join ''
    $text = ($a | ForEach-Object { $_ -replace '\s', '' }) -join ''
    [pscustomobject]@{ Match = [regex]::IsMatch($text, "^$pattern`$", 'Singleline'); Expected = $e; Actual = $a }
}
