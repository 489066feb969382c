# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Dot-sourced in BeforeAll by the address Pester files: the built module, signed requests to the local service, and
# the assertion on error records.
. (Join-Path $PSScriptRoot 'common.ps1')
. (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')

function Assert-MgwError($Record, [string] $Command, [string] $Code, [string] $Category, [string] $MessageLike) {
    $Record.FullyQualifiedErrorId | Should -Be "$Code,MgwTools.Commands.$($Command -replace '-', '')Command"
    $Record.CategoryInfo.Category | Should -Be $Category
    $Record.Exception | Should -BeOfType ([MgwTools.MgwException])
    $Record.Exception.Error.Code | Should -Be $Code
    $Record.Exception.Error.Message | Should -BeLike $MessageLike
}
