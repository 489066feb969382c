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
