# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Dot-sourced in BeforeAll by the address Pester files: the built module and the assertion on error records
# (Assert-ErrorRecord, common.ps1), and signed requests to the local service (EmulatorHelpers.ps1).
. (Join-Path $PSScriptRoot 'common.ps1')
. (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
