# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Dot-sourced in BeforeAll by the agent and tunnel Pester files: the built module, signed requests to the local
# service, and the assertions on error records.
. (Join-Path $PSScriptRoot 'common.ps1')
. (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')

function Get-CommandId([string] $Command) { 'MgwTools.Commands.' + ($Command -replace '-', '') + 'Command' }

# The error record shape of design §4: id, category, the MgwError on the exception, the message people see
# (ErrorDetails when set, else the exception's), and the target object.
function Assert-MgwError($Record, [string] $Code, [string] $Command, [string] $Category, [string] $Message, $Target) {
    $Record | Should -Not -BeNullOrEmpty -Because "$Command should fail with $Code"
    $Record.FullyQualifiedErrorId | Should -Be "$Code,$(Get-CommandId $Command)"
    $Record.CategoryInfo.Category | Should -Be $Category
    $Record.Exception | Should -BeOfType ([MgwTools.MgwException])
    $Record.Exception.Error.Code | Should -Be $Code
    $shown = if ($Record.ErrorDetails) { $Record.ErrorDetails.Message } else { $Record.Exception.Message }
    $shown | Should -BeLike $Message
    if ($null -eq $Target) { $Record.TargetObject | Should -BeNullOrEmpty }
    elseif ($Target -is [string] -or $Target.GetType().IsValueType) { $Record.TargetObject | Should -Be $Target }
    else { [object]::ReferenceEquals($Record.TargetObject, $Target) | Should -BeTrue -Because 'the piped object is the target' }
}

# Runs $Script and returns its single error record, terminating or not.
function Get-SingleError([scriptblock] $Script) {
    $errors = [System.Collections.Generic.List[object]]::new()
    try { & $Script 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } } }
    catch { $errors.Add($_) }
    $errors | Should -HaveCount 1
    $errors[0]
}

function Get-Key([MgwTools.MgwAgent] $Agent) { [Net.NetworkCredential]::new('', $Agent.GetActivationKey()).Password }
