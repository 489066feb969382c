# Copyright (c) MgwTools contributors. Licensed under the MIT License.
<#
.SYNOPSIS
    Turns docs/en-US (PlatyPS schema 2.0.0 markdown) into MAML help and about_*.help.txt files.

.DESCRIPTION
    Imports the module at -ModulePath (a manifest, a .psm1 or a .dll) and, for every exported cmdlet or
    function, reads <DocsPath>/<Verb-Noun>.md and writes one MAML file per help-file name into -OutputPath
    (<Assembly>.dll-Help.xml for a binary module, <Module>-help.xml or the function's .ExternalHelp name
    for a script module).

    What comes from where, so that help cannot go stale:
      * From Get-Command metadata: syntax (one item per parameter set), parameter types, positions,
        mandatory flags, pipeline input, aliases, wildcard support, enum / ValidateSet values.
      * From the markdown: SYNOPSIS, DESCRIPTION, EXAMPLES, parameter descriptions (and 'Default value:'
        of an optional ```yaml block), INPUTS, OUTPUTS, NOTES, RELATED LINKS.
    -WhatIf and -Confirm get stock text unless the page describes them.

    Every about_*.md in -DocsPath becomes <OutputPath>/about_*.help.txt (plain text, about_ layout).

    The build fails (exit code 1, every problem listed as '<Command>: <problem>') when an exported command
    has no page, a page lacks SYNOPSIS or DESCRIPTION, has fewer than two examples or an example without
    code, leaves a parameter undescribed, or describes a parameter the command does not have; also when
    the module page (<Module>.md) omits an exported command or an about page lacks its short or long
    description.

    The markdown parser is hand-written and line-based (no Markdig): the pages follow the restricted
    PlatyPS layout (front matter, '#'/'##'/'###' ATX headings, fenced code blocks, paragraphs, lists), and
    a heading inside a fenced block is never taken for a heading.

.EXAMPLE
    pwsh -NoProfile -File tools/New-MamlHelp.ps1 -ModulePath output/MgwTools/MgwTools.psd1 -DocsPath docs/en-US -OutputPath output/MgwTools/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$nsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$nsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$nsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters

# DontShow parameters (a hidden InputObject that only carries the pipeline object) stay out of help, as Get-Command's syntax leaves them out.
function Test-HiddenParameter($Command, [string] $Name) {
    [bool]($Command.Parameters[$Name].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
}
$stockText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}
$problems = [System.Collections.Generic.List[string]]::new()

#region Markdown (line-based)

# A fence opener: ``` or ~~~ (3 or more), optionally indented up to 3 spaces, with an info string.
$fencePattern = '^ {0,3}(?<fence>`{3,}|~{3,})\s*(?<info>[^`]*)$'

function Read-MarkdownFile([string] $Path) {
    $text = [IO.File]::ReadAllText($Path, [Text.Encoding]::UTF8) -replace "`r`n?", "`n"
    $lines = [System.Collections.Generic.List[string]]::new([string[]]($text -split "`n"))
    $front = [ordered]@{}
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $end = -1
        for ($i = 1; $i -lt $lines.Count; $i++) { if ($lines[$i].Trim() -eq '---') { $end = $i; break } }
        if ($end -gt 0) {
            for ($i = 1; $i -lt $end; $i++) {
                if ($lines[$i] -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $front[$Matches[1]] = $Matches[2] }
            }
            $lines.RemoveRange(0, $end + 1)
        }
    }
    [pscustomobject]@{ FrontMatter = $front; Lines = (Remove-HtmlComment ([string[]]$lines)) }
}

# Whole-line HTML comments outside fenced blocks (<!-- ... -->, possibly over several lines) are notes for
# tools, such as the markers tests/HelpExamples.Tests.ps1 reads (setup, not-runnable); help never shows them.
function Remove-HtmlComment([string[]] $Lines) {
    $kept = [System.Collections.Generic.List[string]]::new()
    $fence = $null
    $inComment = $false
    foreach ($line in $Lines) {
        if ($inComment) {
            if ($line.Contains('-->')) { $inComment = $false }
            continue
        }
        if ($null -ne $fence) {
            if ($line -match '^ {0,3}(`{3,}|~{3,})\s*$' -and $Matches[1][0] -eq $fence[0] -and $Matches[1].Length -ge $fence.Length) { $fence = $null }
        }
        elseif ($line -match $fencePattern) { $fence = $Matches['fence'] }
        elseif ($line -match '^ {0,3}<!--') {
            if (-not $line.Substring($line.IndexOf('<!--') + 4).Contains('-->')) { $inComment = $true }
            continue
        }
        $kept.Add($line)
    }
    [string[]]$kept
}

# Splits lines at ATX headings of exactly $Level '#' that are outside fenced blocks.
# Returns @{ Preamble = lines before the first heading; Sections = list of @{ Title; Lines } }.
function Split-Heading([string[]] $Lines, [int] $Level) {
    $prefix = '#' * $Level
    $preamble = [System.Collections.Generic.List[string]]::new()
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $preamble
    $fence = $null
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line -match '^ {0,3}(`{3,}|~{3,})\s*$' -and $Matches[1][0] -eq $fence[0] -and $Matches[1].Length -ge $fence.Length) {
                $fence = $null
            }
        }
        elseif ($line -match $fencePattern) {
            $fence = $Matches['fence']
        }
        elseif ($line -match "^$prefix\s+(.*?)\s*#*\s*$" -and $line -notmatch "^$prefix#") {
            $current = [System.Collections.Generic.List[string]]::new()
            $sections.Add([pscustomobject]@{ Title = $Matches[1].Trim(); Lines = $current })
            continue
        }
        $current.Add($line)
    }
    [pscustomobject]@{ Preamble = [string[]]$preamble; Sections = $sections }
}

# Inline markdown that reads badly as plain text: links, bold/italic markers, backslash escapes.
function ConvertFrom-Inline([string] $Text) {
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)\s]*)\)', {
            param($m)
            $label = $m.Groups[1].Value; $target = $m.Groups[2].Value
            if ($target -match '^https?://' -and $target -ne $label) { "$label ($target)" } else { $label }
        })
    $Text = $Text -replace '\*\*(.+?)\*\*', '$1' -replace '__(.+?)__', '$1'
    $Text -replace '\\([\\`*_{}\[\]()#+\-.!|<>])', '$1'
}

# Blocks of a markdown fragment: @{ Kind = 'Text'|'List'|'Code'|'Table'; Info; Lines }.
function Get-Block([string[]] $Lines) {
    $blocks = [System.Collections.Generic.List[object]]::new()
    $buffer = $null
    $fence = $null
    $code = $null
    $info = ''
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line -match '^ {0,3}(`{3,}|~{3,})\s*$' -and $Matches[1][0] -eq $fence[0] -and $Matches[1].Length -ge $fence.Length) {
                $blocks.Add([pscustomobject]@{ Kind = 'Code'; Info = $info; Lines = [string[]]$code })
                $fence = $null
            }
            else { $code.Add($line) }
            continue
        }
        if ($line -match $fencePattern) {
            if ($buffer) { $blocks.Add($buffer); $buffer = $null }
            $fence = $Matches['fence']; $info = $Matches['info'].Trim(); $code = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if ($line.Trim() -eq '') {
            if ($buffer) { $blocks.Add($buffer); $buffer = $null }
            continue
        }
        $kind = if ($line -match '^\s*([-*+]|\d+[.)])\s+') { 'List' } elseif ($line -match '^\s*\|') { 'Table' } else { 'Text' }
        if ($null -eq $buffer) {
            $buffer = [pscustomobject]@{ Kind = $kind; Info = ''; Lines = [System.Collections.Generic.List[string]]::new() }
        }
        elseif ($buffer.Kind -eq 'Text' -and $kind -ne 'Text') {
            $blocks.Add($buffer)
            $buffer = [pscustomobject]@{ Kind = $kind; Info = ''; Lines = [System.Collections.Generic.List[string]]::new() }
        }
        $buffer.Lines.Add($line)
    }
    if ($buffer) { $blocks.Add($buffer) }
    if ($null -ne $fence) { $blocks.Add([pscustomobject]@{ Kind = 'Code'; Info = $info; Lines = [string[]]$code }) }
    , $blocks
}

# Paragraph strings for MAML: prose lines are joined, lists/tables/code keep their line breaks.
function ConvertTo-Paragraph([string[]] $Lines) {
    $paras = [System.Collections.Generic.List[string]]::new()
    foreach ($block in (Get-Block $Lines)) {
        switch ($block.Kind) {
            'Text' { $paras.Add((ConvertFrom-Inline (($block.Lines | ForEach-Object Trim) -join ' '))) }
            'Code' { $paras.Add(($block.Lines -join "`n")) }
            default { $paras.Add((($block.Lines | ForEach-Object { ConvertFrom-Inline $_.TrimEnd() }) -join "`n")) }
        }
    }
    , $paras
}

function Read-HelpPage([string] $Path) {
    $file = Read-MarkdownFile $Path
    $top = Split-Heading $file.Lines 1
    $title = if ($top.Sections.Count -gt 0) { $top.Sections[0].Title } else { '' }
    $body = if ($top.Sections.Count -gt 0) { [string[]]$top.Sections[0].Lines } else { [string[]]$file.Lines }
    $sections = @{}
    foreach ($s in (Split-Heading $body 2).Sections) { $sections[$s.Title.ToUpperInvariant()] = [string[]]$s.Lines }
    [pscustomobject]@{ Path = $Path; Title = $title; FrontMatter = $file.FrontMatter; Sections = $sections }
}

function Get-Section($Page, [string] $Name) {
    if ($Page.Sections.ContainsKey($Name)) { [string[]]$Page.Sections[$Name] } else { $null }
}

#endregion

#region Metadata

# A parameter type that keeps the value as given names what it documents in a static DocumentedType property
# (MgwTools' SpecArgument[T]); help shows that type, as it shows T for Nullable[T].
function Get-DocumentedType([type] $Type) {
    $documented = $Type.GetProperty('DocumentedType', [System.Reflection.BindingFlags]'Public, Static')
    if ($documented -and $documented.PropertyType -eq [type]) { $Type = $documented.GetValue($null) }
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { $Type = $inner }
    $Type
}

# A parameter the cmdlet reads from a piped object's property itself, instead of PowerShell's binder, says so with an
# attribute whose ValueFromPipelineByPropertyName property is true (MgwTools' SpecValueTransformAttribute): help
# documents it as pipeline input by property name, which is what the user sees it do.
function Test-ReadByPropertyName($Parameter) {
    foreach ($attribute in $Parameter.Attributes) {
        if ($attribute -is [System.Management.Automation.ParameterAttribute]) { continue }
        $property = $attribute.GetType().GetProperty('ValueFromPipelineByPropertyName', [type[]]@())
        if ($property -and $property.PropertyType -eq [bool] -and $property.GetValue($attribute)) { return $true }
    }
    $false
}

function Get-TypeName([type] $Type) {
    $Type = Get-DocumentedType $Type
    if ($Type.IsArray) { return (Get-TypeName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $typeArguments = ($Type.GetGenericArguments() | ForEach-Object { Get-TypeName $_ }) -join ', '
        return ($Type.Name -replace '`\d+$', '') + "[$typeArguments]"
    }
    $Type.Name
}

# Enum names or ValidateSet values: the closed set a parameter accepts, if any.
function Get-ValueSet($Parameter) {
    foreach ($attribute in $Parameter.Attributes) {
        if ($attribute -is [System.Management.Automation.ValidateSetAttribute]) { return [string[]]$attribute.ValidValues }
    }
    $type = Get-DocumentedType $Parameter.ParameterType
    if ($type.IsArray) { $type = $type.GetElementType() }
    $inner = [Nullable]::GetUnderlyingType($type)
    if ($inner) { $type = $inner }
    if ($type.IsEnum) { return [string[]][Enum]::GetNames($type) }
    $null
}

function Format-PipelineInput([bool] $ByValue, [bool] $ByPropertyName) {
    $kinds = @()
    if ($ByPropertyName) { $kinds += 'ByPropertyName' }
    if ($ByValue) { $kinds += 'ByValue' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

# One record per documented-able parameter, merged across parameter sets.
function Get-ParameterInfo($Command) {
    $result = [ordered]@{}
    # Declaration order first (Get-Command's), then the per-set facts merged in.
    foreach ($name in $Command.Parameters.Keys) { if ($name -notin $commonParameters -and -not (Test-HiddenParameter $Command $name)) { $result[$name] = $null } }
    foreach ($set in $Command.ParameterSets) {
        foreach ($p in $set.Parameters) {
            if ($p.Name -in $commonParameters -or (Test-HiddenParameter $Command $p.Name)) { continue }
            if ($null -eq $result[$p.Name]) {
                $meta = $Command.Parameters[$p.Name]
                $result[$p.Name] = [pscustomobject]@{
                    Name           = $p.Name
                    Type           = $p.ParameterType
                    TypeName       = Get-TypeName $p.ParameterType
                    IsSwitch       = $p.ParameterType -eq [switch]
                    Aliases        = [string[]]@($p.Aliases)
                    Values         = Get-ValueSet $meta
                    Globbing       = [bool]($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                    MandatoryAll   = $true
                    Position       = $null
                    ByValue        = $false
                    ByPropertyName = $false
                }
            }
            $r = $result[$p.Name]
            if (-not $p.IsMandatory) { $r.MandatoryAll = $false }
            if ($p.Position -ge 0 -and $null -eq $r.Position) { $r.Position = $p.Position }
            if ($p.ValueFromPipeline) { $r.ByValue = $true }
            if ($p.ValueFromPipelineByPropertyName -or (Test-ReadByPropertyName $p)) { $r.ByPropertyName = $true }
        }
    }
    # WhatIf/Confirm last, as Get-Command shows them.
    $ordered = [System.Collections.Generic.List[object]]::new()
    foreach ($r in $result.Values) { if ($r -and $r.Name -notin 'WhatIf', 'Confirm') { $ordered.Add($r) } }
    foreach ($r in $result.Values) { if ($r -and $r.Name -in 'WhatIf', 'Confirm') { $ordered.Add($r) } }
    , $ordered
}

# Parameters of one set in display order: positional by position, then mandatory, then the rest.
function Get-SetParameter($Set) {
    $ps = @($Set.Parameters | Where-Object { $_.Name -notin $commonParameters -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) })
    $positional = @($ps | Where-Object Position -GE 0 | Sort-Object Position)
    $named = @($ps | Where-Object Position -LT 0)
    @($positional) + @($named | Where-Object { $_.IsMandatory -and $_.Name -notin 'WhatIf', 'Confirm' }) +
    @($named | Where-Object { -not $_.IsMandatory -and $_.Name -notin 'WhatIf', 'Confirm' }) +
    @($named | Where-Object { $_.Name -in 'WhatIf', 'Confirm' })
}

function Get-HelpFileName($Command, $Module) {
    if ($Command.CommandType -eq 'Cmdlet') { return [IO.Path]::GetFileName($Command.ImplementingType.Assembly.Location) + '-Help.xml' }
    if ($Command.HelpFile) { return [IO.Path]::GetFileName($Command.HelpFile) }
    "$($Module.Name)-help.xml"
}

#endregion

#region Reading and checking a command's page

function Read-CommandHelp($Command, [string] $PagePath) {
    $name = $Command.Name
    if (-not (Test-Path -LiteralPath $PagePath)) {
        $problems.Add("${name}: no help page; expected '$PagePath'.")
        return $null
    }
    $page = Read-HelpPage $PagePath
    $file = Split-Path $PagePath -Leaf
    if ($page.Title -ne $name) { $problems.Add("${name}: the first heading of '$file' is '# $($page.Title)', expected '# $name'.") }

    $synopsis = ConvertTo-Paragraph (Get-Section $page 'SYNOPSIS')
    if ($synopsis.Count -eq 0) { $problems.Add("${name}: '$file' has no SYNOPSIS text.") }
    $description = ConvertTo-Paragraph (Get-Section $page 'DESCRIPTION')
    if ($description.Count -eq 0) { $problems.Add("${name}: '$file' has no DESCRIPTION text.") }

    $examples = [System.Collections.Generic.List[object]]::new()
    foreach ($e in (Split-Heading (Get-Section $page 'EXAMPLES') 3).Sections) {
        $blocks = Get-Block $e.Lines
        $code = @($blocks | Where-Object Kind -EQ 'Code' | ForEach-Object { $_.Lines -join "`n" })
        $textLines = [System.Collections.Generic.List[string]]::new()
        foreach ($b in $blocks | Where-Object Kind -NE 'Code') { $textLines.AddRange([string[]]$b.Lines); $textLines.Add('') }
        if ($code.Count -eq 0) { $problems.Add("${name}: example '$($e.Title)' in '$file' has no code block.") }
        $examples.Add([pscustomobject]@{ Title = $e.Title; Code = $code -join "`n`n"; Remarks = ConvertTo-Paragraph $textLines })
    }
    if ($examples.Count -lt 2) { $problems.Add("${name}: '$file' has $($examples.Count) example(s); at least 2 are required.") }

    $metadata = Get-ParameterInfo $Command
    $docs = @{}
    foreach ($p in (Split-Heading (Get-Section $page 'PARAMETERS') 3).Sections) {
        if ($p.Title -eq 'CommonParameters') { continue }
        $pname = $p.Title -replace '^-', ''
        $default = $null
        $textLines = [System.Collections.Generic.List[string]]::new()
        foreach ($b in (Get-Block $p.Lines)) {
            if ($b.Kind -eq 'Code' -and $b.Info -match '^ya?ml$') {
                foreach ($l in $b.Lines) { if ($l -match '^\s*Default value:\s*(.*?)\s*$') { $default = $Matches[1] } }
                continue
            }
            if ($b.Kind -eq 'Code') { $textLines.Add('```'); $textLines.AddRange([string[]]$b.Lines); $textLines.Add('```') }
            else { $textLines.AddRange([string[]]$b.Lines) }
            $textLines.Add('')
        }
        $docs[$pname] = [pscustomobject]@{ Text = ConvertTo-Paragraph $textLines; Default = $default }
        if (-not ($metadata | Where-Object Name -EQ $pname)) {
            $problems.Add("${name}: '$file' documents parameter -$pname, which the command does not have.")
        }
    }
    foreach ($m in $metadata) {
        $doc = $docs[$m.Name]
        if (-not $doc -or $doc.Text.Count -eq 0) {
            if ($stockText.ContainsKey($m.Name)) {
                $docs[$m.Name] = [pscustomobject]@{ Text = [string[]]@($stockText[$m.Name]); Default = 'False' }
            }
            elseif (-not $doc) { $problems.Add("${name}: parameter -$($m.Name) is not documented; add '### -$($m.Name)' under '## PARAMETERS' in '$file'.") }
            else { $problems.Add("${name}: parameter -$($m.Name) has no description in '$file'.") }
        }
    }

    $typed = {
        param([string[]] $Lines)
        $list = [System.Collections.Generic.List[object]]::new()
        if ($null -eq $Lines) { return , $list }
        $split = Split-Heading $Lines 3
        $pre = ConvertTo-Paragraph $split.Preamble
        if ($pre.Count -gt 0) {
            $list.Add([pscustomobject]@{ Type = ($pre[0] -replace '\.$', ''); Text = [string[]]@($pre | Select-Object -Skip 1) })
        }
        foreach ($s in $split.Sections) { $list.Add([pscustomobject]@{ Type = $s.Title; Text = ConvertTo-Paragraph $s.Lines }) }
        , $list
    }

    $links = [System.Collections.Generic.List[object]]::new()
    if ($page.FrontMatter.Contains('online version') -and $page.FrontMatter['online version'] -match '^https?://') {
        $links.Add([pscustomobject]@{ Text = 'Online Version:'; Uri = $page.FrontMatter['online version'] })
    }
    foreach ($l in (Get-Section $page 'RELATED LINKS')) {
        $t = $l.Trim() -replace '^([-*+]|\d+[.)])\s+', ''
        if (-not $t) { continue }
        if ($t -match '^\[([^\]]+)\]\(([^)\s]*)\)') {
            $uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }
            $links.Add([pscustomobject]@{ Text = $Matches[1]; Uri = $uri })
        }
        elseif ($t -match '^https?://\S+$') { $links.Add([pscustomobject]@{ Text = $t; Uri = $t }) }
        else { $links.Add([pscustomobject]@{ Text = (ConvertFrom-Inline $t); Uri = '' }) }
    }

    [pscustomobject]@{
        Synopsis    = $synopsis
        Description = $description
        Examples    = $examples
        Parameters  = $metadata
        Docs        = $docs
        Inputs      = & $typed (Get-Section $page 'INPUTS')
        Outputs     = & $typed (Get-Section $page 'OUTPUTS')
        Notes       = ConvertTo-Paragraph (Get-Section $page 'NOTES')
        Links       = $links
    }
}

#endregion

#region MAML writer

function Write-Para($W, [string[]] $Paras) {
    $W.WriteStartElement('maml', 'description', $nsMaml)
    foreach ($p in $Paras) { $W.WriteElementString('maml', 'para', $nsMaml, $p) }
    $W.WriteEndElement()
}

function Write-Parameter($W, $Info, $Doc, [bool] $Required, [string] $Position, [string] $PipelineInput, [bool] $InSyntax) {
    $W.WriteStartElement('command', 'parameter', $nsCommand)
    $W.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $Info.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $PipelineInput)
    $W.WriteAttributeString('position', $Position)
    $W.WriteAttributeString('aliases', $(if ($Info.Aliases.Count) { $Info.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $nsMaml, $Info.Name)
    Write-Para $W $Doc.Text
    if ($Info.Values) {
        $W.WriteStartElement('command', 'parameterValueGroup', $nsCommand)
        foreach ($v in $Info.Values) {
            $W.WriteStartElement('command', 'parameterValue', $nsCommand)
            $W.WriteAttributeString('required', 'false')
            $W.WriteAttributeString('command', 'variableLength', $nsCommand, 'false')
            $W.WriteString($v)
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    if (-not ($InSyntax -and $Info.IsSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $nsCommand)
        $W.WriteAttributeString('required', $(if ($Info.IsSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($Info.TypeName)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $nsDev)
    $W.WriteElementString('maml', 'name', $nsMaml, $Info.TypeName)
    $W.WriteElementString('maml', 'uri', $nsMaml, '')
    $W.WriteEndElement()
    $default = if ($Doc.Default -and $Doc.Default -ne 'None') { $Doc.Default } elseif ($Info.IsSwitch) { 'False' } else { 'None' }
    $W.WriteElementString('dev', 'defaultValue', $nsDev, $default)
    $W.WriteEndElement()
}

function Format-ExampleTitle([string] $Title) {
    $pad = [Math]::Max(4, [int]((64 - $Title.Length - 2) / 2))
    ('-' * $pad) + " $Title " + ('-' * $pad)
}

function Write-Command($W, $Command, $Help) {
    $W.WriteStartElement('command', 'command', $nsCommand)
    $W.WriteAttributeString('xmlns', 'maml', $null, $nsMaml)
    $W.WriteAttributeString('xmlns', 'command', $null, $nsCommand)
    $W.WriteAttributeString('xmlns', 'dev', $null, $nsDev)
    $W.WriteAttributeString('xmlns', 'MSHelp', $null, 'http://msdn.microsoft.com/mshelp')

    $W.WriteStartElement('command', 'details', $nsCommand)
    $W.WriteElementString('command', 'name', $nsCommand, $Command.Name)
    $W.WriteElementString('command', 'verb', $nsCommand, $Command.Verb)
    $W.WriteElementString('command', 'noun', $nsCommand, $Command.Noun)
    Write-Para $W $Help.Synopsis
    $W.WriteEndElement()
    Write-Para $W $Help.Description

    $W.WriteStartElement('command', 'syntax', $nsCommand)
    $sets = @($Command.ParameterSets | Where-Object IsDefault) + @($Command.ParameterSets | Where-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $W.WriteStartElement('command', 'syntaxItem', $nsCommand)
        $W.WriteElementString('maml', 'name', $nsMaml, $Command.Name)
        foreach ($p in Get-SetParameter $set) {
            $info = $Help.Parameters | Where-Object Name -EQ $p.Name
            $position = if ($p.Position -ge 0) { [string]$p.Position } else { 'named' }
            Write-Parameter $W $info $Help.Docs[$p.Name] $p.IsMandatory $position `
            (Format-PipelineInput $p.ValueFromPipeline ($p.ValueFromPipelineByPropertyName -or (Test-ReadByPropertyName $p))) $true
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $nsCommand)
    foreach ($info in $Help.Parameters) {
        $position = if ($null -ne $info.Position) { [string]$info.Position } else { 'named' }
        Write-Parameter $W $info $Help.Docs[$info.Name] $info.MandatoryAll $position (Format-PipelineInput $info.ByValue $info.ByPropertyName) $false
    }
    $W.WriteEndElement()

    foreach ($kind in @(@('inputTypes', 'inputType', $Help.Inputs), @('returnValues', 'returnValue', $Help.Outputs))) {
        $W.WriteStartElement('command', $kind[0], $nsCommand)
        foreach ($t in $kind[2]) {
            $W.WriteStartElement('command', $kind[1], $nsCommand)
            $W.WriteStartElement('dev', 'type', $nsDev)
            $W.WriteElementString('maml', 'name', $nsMaml, $t.Type)
            $W.WriteEndElement()
            Write-Para $W $t.Text
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    $W.WriteStartElement('maml', 'alertSet', $nsMaml)
    if ($Help.Notes.Count -gt 0) {
        $W.WriteStartElement('maml', 'alert', $nsMaml)
        foreach ($p in $Help.Notes) { $W.WriteElementString('maml', 'para', $nsMaml, $p) }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $nsCommand)
    foreach ($e in $Help.Examples) {
        $W.WriteStartElement('command', 'example', $nsCommand)
        $W.WriteElementString('maml', 'title', $nsMaml, (Format-ExampleTitle $e.Title))
        $W.WriteElementString('dev', 'code', $nsDev, $e.Code)
        $W.WriteStartElement('dev', 'remarks', $nsDev)
        foreach ($p in $e.Remarks) { $W.WriteElementString('maml', 'para', $nsMaml, $p) }
        $W.WriteElementString('maml', 'para', $nsMaml, '')   # a blank line before the next example
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $nsCommand)
    foreach ($l in $Help.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $nsMaml)
        $W.WriteElementString('maml', 'linkText', $nsMaml, $l.Text)
        $W.WriteElementString('maml', 'uri', $nsMaml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

function Write-MamlFile([string] $Path, [object[]] $Entries) {
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = [Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $w = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($e in $Entries) { Write-Command $w $e.Command $e.Help }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally { $w.Dispose() }
}

#endregion

#region about_ topics

function Format-Wrapped([string] $Text, [int] $Indent, [int] $Hanging = $Indent, [int] $Width = 80) {
    $out = [System.Collections.Generic.List[string]]::new()
    $line = ' ' * $Indent
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if (-not $empty -and $line.Length + 1 + $word.Length -gt $Width) {
            $out.Add($line)
            $line = (' ' * $Hanging) + $word
        }
        else { $line += $(if ($empty) { '' } else { ' ' }) + $word }
        $empty = $false
    }
    if (-not $empty) { $out.Add($line) }
    $out
}

function Convert-AboutBody([string[]] $Lines, [int] $Indent) {
    $out = [System.Collections.Generic.List[string]]::new()
    foreach ($block in (Get-Block $Lines)) {
        switch ($block.Kind) {
            'Text' { $out.AddRange([string[]](Format-Wrapped (ConvertFrom-Inline (($block.Lines | ForEach-Object Trim) -join ' ')) $Indent)) }
            'Code' { foreach ($l in $block.Lines) { $out.Add(((' ' * ($Indent + 4)) + $l).TrimEnd()) } }
            'Table' { foreach ($l in $block.Lines) { $out.Add((' ' * $Indent) + (ConvertFrom-Inline $l.Trim())) } }
            'List' {
                # Continuation lines belong to the item above them.
                $items = [System.Collections.Generic.List[string]]::new()
                foreach ($l in $block.Lines) {
                    if ($l -match '^\s*([-*+]|\d+[.)])\s+' -or $items.Count -eq 0) { $items.Add($l.Trim()) }
                    else { $items[$items.Count - 1] += ' ' + $l.Trim() }
                }
                foreach ($item in $items) {
                    $null = $item -match '^([-*+]|\d+[.)])\s+(.*)$'
                    $marker = if ($Matches[1] -match '\d') { $Matches[1] } else { '-' }
                    $text = ConvertFrom-Inline $Matches[2]
                    $wrapped = [string[]](Format-Wrapped "$marker $text" $Indent ($Indent + $marker.Length + 1))
                    $out.AddRange($wrapped)
                }
            }
        }
        $out.Add('')
    }
    , $out
}

function Convert-AboutTopic([string] $Path, [string] $Destination) {
    $name = [IO.Path]::GetFileNameWithoutExtension($Path)
    $file = Read-MarkdownFile $Path
    $top = Split-Heading $file.Lines 1
    $body = if ($top.Sections.Count -gt 0) { [string[]]$top.Sections[0].Lines } else { [string[]]$file.Lines }
    $sections = (Split-Heading $body 2).Sections
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        $s = $sections | Where-Object { $_.Title -eq $required }
        if (-not $s -or -not ($s.Lines | Where-Object { $_.Trim() })) { $problems.Add("${name}: '$(Split-Path $Path -Leaf)' has no $required text.") }
    }
    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC'); $out.Add("    $name"); $out.Add('')
    foreach ($s in $sections) {
        $out.Add($s.Title.ToUpperInvariant())
        $sub = Split-Heading ([string[]]$s.Lines) 3
        $out.AddRange([string[]](Convert-AboutBody $sub.Preamble 4))
        foreach ($h in $sub.Sections) {
            $out.Add("  $($h.Title)")
            $blocks = Get-Block ([string[]]$h.Lines)
            if ($blocks.Count -gt 0 -and $blocks[0].Kind -eq 'Code') { $out.Add('') }
            $out.AddRange([string[]](Convert-AboutBody ([string[]]$h.Lines) 4))
        }
    }
    while ($out.Count -gt 0 -and $out[$out.Count - 1] -eq '') { $out.RemoveAt($out.Count - 1) }
    [IO.File]::WriteAllText($Destination, ($out -join "`n") + "`n", [Text.UTF8Encoding]::new($false))
}

#endregion

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$module = Import-Module $ModulePath -PassThru -Force -ErrorAction Stop | Select-Object -First 1
$DocsPath = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
$null = New-Item -ItemType Directory -Path $OutputPath -Force
$OutputPath = (Resolve-Path -LiteralPath $OutputPath).ProviderPath

$commands = @($module.ExportedCommands.Values | Where-Object CommandType -In 'Cmdlet', 'Function' | Sort-Object Name)
$files = [ordered]@{}
$rootModule = if ($module.Path -match '\.dll$') { [IO.Path]::GetFileName($module.Path) + '-Help.xml' } else { "$($module.Name)-help.xml" }
$files[$rootModule] = [System.Collections.Generic.List[object]]::new()
foreach ($command in $commands) {
    $help = Read-CommandHelp $command (Join-Path $DocsPath "$($command.Name).md")
    if (-not $help) { continue }
    $fileName = Get-HelpFileName $command $module
    if (-not $files.Contains($fileName)) { $files[$fileName] = [System.Collections.Generic.List[object]]::new() }
    $files[$fileName].Add([pscustomobject]@{ Command = $command; Help = $help })
}

# The module page, when there is one, must list every exported command.
$modulePage = Join-Path $DocsPath "$($module.Name).md"
if (Test-Path -LiteralPath $modulePage) {
    $listed = @((Split-Heading (Read-MarkdownFile $modulePage).Lines 3).Sections | ForEach-Object { $_.Title -replace '^\[([^\]]+)\].*$', '$1' })
    foreach ($command in $commands) {
        if ($command.Name -notin $listed) { $problems.Add("$($command.Name): the module page '$(Split-Path $modulePage -Leaf)' does not list it.") }
    }
}

# Pages for commands the module does not export: probably stale, never fatal (a command may land later).
$known = @($commands | ForEach-Object Name) + @($module.Name)
foreach ($page in Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' -File) {
    if ($page.BaseName -notin $known -and $page.BaseName -notlike 'about_*') {
        Write-Warning "$($page.Name): no exported command '$($page.BaseName)'; the page is not used."
    }
}

$abouts = @(Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md' -File)
foreach ($about in $abouts) { Convert-AboutTopic $about.FullName (Join-Path $OutputPath "$($about.BaseName).help.txt") }

if ($problems.Count -gt 0) {
    foreach ($p in $problems) { [Console]::Error.WriteLine("help: $p") }
    [Console]::Error.WriteLine("help: $($problems.Count) problem(s) in '$DocsPath'; no MAML written.")
    exit 1
}

foreach ($fileName in $files.Keys) {
    $path = Join-Path $OutputPath $fileName
    Write-MamlFile $path $files[$fileName].ToArray()
    Write-Host "help: $($files[$fileName].Count) command(s) -> $path"
}
foreach ($about in $abouts) { Write-Host "help: $($about.BaseName) -> $(Join-Path $OutputPath "$($about.BaseName).help.txt")" }
exit 0
