# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Dot-sourced by every Pester file: imports the *built* module (never the source) once per process.
$script:RepoRoot = Split-Path $PSScriptRoot -Parent
$script:ModuleManifest = Join-Path $script:RepoRoot 'output/MgwTools/MgwTools.psd1'
if (-not (Get-Module MgwTools)) {
    Import-Module $script:ModuleManifest -ErrorAction Stop
}

# Tab completion as the user sees it: the completion texts for the input typed so far.
function Complete([string] $Expression) {
    [System.Management.Automation.CommandCompletion]::CompleteInput($Expression, $Expression.Length, $null).CompletionMatches
}

# A fresh pwsh running $Script with the built module imported; returns its output lines.
function Invoke-FreshPwsh([string] $Script) {
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $full = "Import-Module '$script:ModuleManifest' -ErrorAction Stop`n$Script"
    & $pwsh -NoProfile -NonInteractive -Command $full
}

# The FullyQualifiedErrorId suffix of a cmdlet: 'New-MgwAgent' → 'MgwTools.Commands.NewMgwAgentCommand'.
function Get-CommandId([string] $Command) { 'MgwTools.Commands.' + ($Command -replace '-', '') + 'Command' }

# Runs $Script and returns its single error record, terminating or not.
function Get-SingleError([scriptblock] $Script) {
    $errors = [System.Collections.Generic.List[object]]::new()
    try { & $Script 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } } }
    catch { $errors.Add($_) }
    $errors | Should -HaveCount 1
    $errors[0]
}

# The error record shape of design §4: id, category, the MgwError on the exception, the message people see
# (ErrorDetails when set, else the exception's), and the target object: a text or value as given, a piped job by its
# ID (the same job, not its name), any other piped object itself.
function Assert-ErrorRecord($Record, [string] $Code, [string] $Command, [string] $Category, [string] $Message, $Target) {
    $Record | Should -Not -BeNullOrEmpty -Because "$Command should fail with $Code"
    $Record.FullyQualifiedErrorId | Should -Be "$Code,$(Get-CommandId $Command)"
    $Record.CategoryInfo.Category | Should -Be $Category
    $Record.Exception | Should -BeOfType ([MgwTools.MgwException])
    $Record.Exception.Error.Code | Should -Be $Code
    $shown = if ($Record.ErrorDetails) { $Record.ErrorDetails.Message } else { $Record.Exception.Message }
    $shown | Should -BeLike $Message
    if ($null -eq $Target) { $Record.TargetObject | Should -BeNullOrEmpty }
    elseif ($Target -is [string] -or $Target.GetType().IsValueType) { $Record.TargetObject | Should -Be $Target }
    elseif ($Target -is [MgwTools.MgwJob]) {
        $Record.TargetObject | Should -BeOfType ([MgwTools.MgwJob])
        $Record.TargetObject.Version | Should -Be $Target.Version
    }
    else { [object]::ReferenceEquals($Record.TargetObject, $Target) | Should -BeTrue -Because 'the piped object is the target' }
}
