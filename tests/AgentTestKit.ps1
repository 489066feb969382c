# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Dot-sourced in BeforeAll by the agent and tunnel Pester files: the built module, signed requests to the local
# service (the error-record assertions are in common.ps1), and an agent's activation key as text.
. (Join-Path $PSScriptRoot 'common.ps1')
. (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')

function Get-Key([MgwTools.MgwAgent] $Agent) { [Net.NetworkCredential]::new('', $Agent.GetActivationKey()).Password }
