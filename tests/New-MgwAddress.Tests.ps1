# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# New-MgwAddress against the local service (127.0.0.1 only): one parameter set per kind, offline findings with
# every error code, CSV rows, -SkipExisting, the service's errors, and a run stopped by bad credentials.
BeforeAll {
    . (Join-Path $PSScriptRoot 'AddressTestKit.ps1')
    $script:CommandId = 'MgwTools.Commands.NewMgwAddressCommand'
    $script:KeySecret = 'addr' + [guid]::NewGuid().ToString('N')
    $script:Key = [pscredential]::new('AKIAIOSFODNN7EXAMPLE', (ConvertTo-SecureString $KeySecret -AsPlainText -Force))
}

Describe 'New-MgwAddress' {
    BeforeEach { $svc = Start-MgwEmulator -PassThru }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    Context 'one parameter set per kind' {
        It 'shows each kind''s own parameters as mandatory in its set' {
            $sets = (Get-Command New-MgwAddress).ParameterSets
            ($sets | Where-Object IsDefault).Name | Should -Be 'Oss'
            $mandatory = @{}
            foreach ($set in $sets) { $mandatory[$set.Name] = @($set.Parameters | Where-Object IsMandatory | ForEach-Object Name | Sort-Object) }
            $mandatory.Oss | Should -Be @('Bucket', 'BucketRegion', 'Name', 'Role')
            $mandatory.OssInventory | Should -Be @('InventoryBucket', 'InventoryPath', 'Name')
            $mandatory.ObjectStore | Should -Be @('Bucket', 'Credential', 'Domain', 'Name', 'Type')
            $mandatory.FileSystem | Should -Be @('Agent', 'Name', 'Path')
            $mandatory.UrlList | Should -Be @('Name', 'UrlListBucket', 'UrlListPath', 'UrlListRegion')
            $mandatory.Raw | Should -Be @('AddressType', 'Detail', 'Name')
            $mandatory.InputObject | Should -Be @('InputObject')
            (Get-Command New-MgwAddress).Parameters.Credential.ParameterType | Should -Be ([pscredential])
        }

        It 'completes -Type, -BucketRegion and -InventoryLocation' {
            (Complete 'New-MgwAddress a -Type Az').CompletionText | Should -Be @('AzureBlob')
            (Complete 'New-MgwAddress a -Bucket b -BucketRegion cn-bei').CompletionText | Should -Be @('cn-beijing', 'cn-beijing-finance-1')
            (Complete 'New-MgwAddress a -InventoryBucket b -InventoryPath p -InventoryLocation ').CompletionText | Should -Be @('oss', 's3', 'cos')
        }

        It 'creates an OSS address and returns it as GetAddress reports it' {
            $a = New-MgwAddress oss-photos -Bucket photos-2026 -BucketRegion cn-beijing -Role AliyunMGWImportRole -Prefix archive/ -Tag @{ team = 'media' }
            $a | Should -BeOfType ([MgwTools.MgwAddress])
            $a.Name | Should -Be 'oss-photos'
            $a.Kind | Should -Be 'Oss'
            $a.Detail.RegionId | Should -Be 'oss-cn-beijing'
            $a.Detail.Role | Should -Be 'AliyunMGWImportRole'
            $a.Location | Should -Be 'photos-2026/archive/ (oss-cn-beijing)'
            $a.Tags | Should -Be 'team:media'
            $a.VerifyState | Should -Be 'NotVerified'
            $a.Row | Should -BeNullOrEmpty
            (Invoke-EmulatorRequest -Service $svc -Path '/address/oss-photos').Xml.ImportAddress.AddressDetail.Bucket | Should -Be 'photos-2026'
        }

        It 'creates a third-party store with its key pair, showing the key ID masked' {
            $a = New-MgwAddress s3-backup -Type S3 -Domain s3.eu-west-1.amazonaws.com -Bucket backup-eu -Prefix 2026/ -Credential $Key
            $a.AddressType | Should -Be 's3'
            $a.AccessKeyId | Should -Be 'AKIA*************PLE'
            $a.Detail.AccessId | Should -Be 'AKIA*************PLE'
            ($a | Format-Table | Out-String) | Should -Match 'AKIA\*\*\*PLE'
            $svc.GetAddresses().Where({ $_.Name -eq 's3-backup' }).HasAccessSecret | Should -BeTrue
        }

        It 'creates a NAS or local file system through agents' {
            (New-MgwAddress nas-home -Agent agent-a, agent-b -Path /mnt/home/).Agents | Should -Be @('agent-a', 'agent-b')
            (New-MgwAddress local-data -Agent agent-a -Path /data/ -FileSystem Local).AddressType | Should -Be 'local'
        }

        It 'creates an inventory, a URL list and a raw address' {
            (New-MgwAddress inv-2026 -InventoryBucket mgw-inventory -InventoryPath daily/manifest.json -InventoryRegion cn-hangzhou -InventoryRole InvRole).Detail.InvRegionId |
                Should -Be 'oss-cn-hangzhou'
            (New-MgwAddress web-assets -UrlListBucket mgw-lists -UrlListPath lists/urls.txt -UrlListRegion cn-hangzhou -UrlListCredential $Key).AddressType | Should -Be 'http'
            $raw = New-MgwAddress cos-raw -AddressType cos -Detail @{ Bucket = 'media-1250000000'; Domain = 'cos.ap-guangzhou.myqcloud.com' } -Credential $Key
            $raw.Kind | Should -Be 'ObjectStore'
            $raw.Location | Should -Be 'media-1250000000 at cos.ap-guangzhou.myqcloud.com'
        }

        It 'shows -WhatIf in one line, key masked, and sends nothing' {
            # The secret goes to the child through its environment, never its command line.
            $env:MGW_TEST_ADDRESS_SECRET = $KeySecret
            try {
                $out = Invoke-FreshPwsh @'
$svc = Start-MgwEmulator -PassThru
$key = [pscredential]::new('AKIAIOSFODNN7EXAMPLE', (ConvertTo-SecureString $env:MGW_TEST_ADDRESS_SECRET -AsPlainText -Force))
New-MgwAddress s3-whatif -Type S3 -Domain s3.amazonaws.com -Bucket b1 -Credential $key -WhatIf
"requests: $($svc.Stats.Requests)"
'@
            }
            finally { Remove-Item Env:MGW_TEST_ADDRESS_SECRET }
            $out | Should -Contain "What if: Create data address 's3-whatif': s3: Bucket 'b1', Domain 's3.amazonaws.com', Credential AKIA*************PLE with its secret."
            $out | Should -Contain 'requests: 0'
            ($out -join "`n") | Should -Not -Match $KeySecret
        }
    }

    Context 'offline findings: every problem at once, nothing sent' {
        It '<Code> for <Case>' -TestCases @(
            @{ Case = 'a name the service refuses'; Code = 'InvalidAddressName'; Field = 'Name'; Message = "Address name 'Bad_Name' breaks the service's rule*"; Target = 'Bad_Name'; Run = { New-MgwAddress Bad_Name -Bucket photos -BucketRegion cn-beijing -Role r1 } }
            @{ Case = 'a bucket name OSS refuses'; Code = 'InvalidBucketName'; Field = 'Bucket'; Message = "-Bucket 'Photos_1' is not an OSS bucket name*"; Target = 'oss-a'; Run = { New-MgwAddress oss-a -Bucket Photos_1 -BucketRegion cn-beijing -Role r1 } }
            @{ Case = 'a malformed region'; Code = 'InvalidRegion'; Field = 'BucketRegion'; Message = "-BucketRegion 'cn beijing' is not a region id*"; Target = 'oss-a'; Run = { New-MgwAddress oss-a -Bucket photos -BucketRegion 'cn beijing' -Role r1 } }
            @{ Case = 'a prefix with a leading slash'; Code = 'InvalidPrefix'; Field = 'Prefix'; Message = "-Prefix '/raw/' is not a key prefix the service takes*"; Target = 'oss-a'; Run = { New-MgwAddress oss-a -Bucket photos -BucketRegion cn-beijing -Role r1 -Prefix /raw/ } }
            @{ Case = 'a role that is no role'; Code = 'InvalidRoleName'; Field = 'Role'; Message = "-Role 'my role' is not a RAM role*"; Target = 'oss-a'; Run = { New-MgwAddress oss-a -Bucket photos -BucketRegion cn-beijing -Role 'my role' } }
            @{ Case = 'a relative directory'; Code = 'InvalidPath'; Field = 'Path'; Message = "-Path 'mnt/data/' is not a directory of the form /dir/sub/*"; Target = 'nas-a'; Run = { New-MgwAddress nas-a -Agent agent-a -Path mnt/data/ } }
            @{ Case = 'two directories for one file system'; Code = 'InvalidValue'; Field = 'Path'; Message = '-Path takes one text value, not 2 values.'; Target = 'nas-a'; Run = { New-MgwAddress nas-a -Agent agent-a -Path /mnt/a/, /mnt/b/ } }
            @{ Case = 'a directory of 2,002 characters'; Code = 'ValueTooLong'; Field = 'Path'; Message = '-Path is 2,002 characters; an address field takes at most 1,024.'; Target = 'nas-a'; Run = { New-MgwAddress nas-a -Agent agent-a -Path ('/' + 'd' * 2000 + '/') } }
            @{ Case = 'an agent name the service refuses'; Code = 'InvalidAgentName'; Field = 'Agent'; Message = "'Agent 7' cannot be the name of an agent (it has characters other than lowercase letters*"; Target = 'nas-a'; Run = { New-MgwAddress nas-a -Agent 'Agent 7' -Path /mnt/ } }
            @{ Case = 'a domain with a path'; Code = 'InvalidDomain'; Field = 'Domain'; Message = "-Domain 's3.amazonaws.com/bucket' is not a host name*"; Target = 's3-a'; Run = { New-MgwAddress s3-a -Type S3 -Domain s3.amazonaws.com/bucket -Bucket b1 -Credential $Key } }
            @{ Case = 'an inventory location that is none'; Code = 'InvalidInventoryLocation'; Field = 'InventoryLocation'; Message = "-InventoryLocation 'ftp' is not one of oss, s3 and cos."; Target = 'inv-a'; Run = { New-MgwAddress inv-a -InventoryBucket inv -InventoryPath m.json -InventoryRegion cn-hangzhou -InventoryRole r1 -InventoryLocation ftp } }
            @{ Case = 'a role and a key for one inventory'; Code = 'RoleAndCredential'; Field = 'InventoryRole'; Message = 'Give either -InventoryRole or -InventoryCredential to read the list, not both.'; Target = 'inv-a'; Run = { New-MgwAddress inv-a -InventoryBucket inv -InventoryPath m.json -InventoryRegion cn-hangzhou -InventoryRole r1 -InventoryCredential $Key } }
            @{ Case = 'an inventory without a way to read it'; Code = 'MissingValue'; Field = 'InventoryRole'; Message = 'The list in OSS is read with -InventoryRole (a RAM role) or -InventoryCredential (an AccessKey pair); give one.'; Target = 'inv-a'; Run = { New-MgwAddress inv-a -InventoryBucket inv -InventoryPath m.json -InventoryRegion cn-hangzhou } }
            @{ Case = 'a field the kind does not use'; Code = 'FieldNotUsed'; Field = 'Role'; Message = '-Role is not used by an address of type s3*'; Target = 's3-a'; Run = { New-MgwAddress s3-a -AddressType s3 -Detail @{ Bucket = 'b1'; Domain = 's3.amazonaws.com'; Role = 'r1' } -Credential $Key } }
            @{ Case = 'a -Detail key that is no element'; Code = 'UnknownDetailField'; Field = 'Bucket_Name'; Message = "-Detail key 'Bucket_Name' is not an element of AddressDetail*"; Target = 'raw-a'; Run = { New-MgwAddress raw-a -AddressType oss -Detail @{ Bucket_Name = 'b1'; Bucket = 'photos'; RegionId = 'cn-beijing'; Role = 'r1' } } }
            @{ Case = 'a secret in -Detail'; Code = 'PlainTextSecret'; Field = 'AccessSecret'; Message = 'AccessSecret would carry a secret as plain text*-Credential*'; Target = 'raw-a'; Run = { New-MgwAddress raw-a -AddressType s3 -Detail @{ Bucket = 'b1'; Domain = 's3.amazonaws.com'; AccessSecret = 'plain-secret-value' } -Credential $Key } }
            @{ Case = 'one field under two names'; Code = 'AmbiguousValue'; Field = 'BucketRegion'; Message = 'BucketRegion is given as * with different values*'; Target = 'raw-a'; Run = { New-MgwAddress raw-a -AddressType oss -Detail @{ Bucket = 'photos'; RegionId = 'cn-beijing'; BucketRegion = 'cn-shanghai'; Role = 'r1' } } }
            @{ Case = 'a tag the service refuses'; Code = 'InvalidTag'; Field = 'Tag'; Message = "Tag 'team:data!'*"; Target = 'oss-a'; Run = { New-MgwAddress oss-a -Bucket photos -BucketRegion cn-beijing -Role r1 -Tag 'team:data!' } }
            @{ Case = 'a value of 5,000 characters'; Code = 'ValueTooLong'; Field = 'Role'; Message = '-Role is 5,000 characters; an address field takes at most 1,024.'; Target = 'oss-a'; Run = { New-MgwAddress oss-a -Bucket photos -BucketRegion cn-beijing -Role ('r' * 5000) } }
            @{ Case = 'a control character'; Code = 'InvalidValue'; Field = 'Prefix'; Message = '-Prefix contains U+0007, a control character*'; Target = 'oss-a'; Run = { New-MgwAddress oss-a -Bucket photos -BucketRegion cn-beijing -Role r1 -Prefix "a`ab/" } }
            @{ Case = '101 agents'; Code = 'TooManyValues'; Field = 'Agent'; Message = '-Agent names more than 100 agents*'; Target = 'nas-a'; Run = { New-MgwAddress nas-a -Agent (1..101 | ForEach-Object { "agent-$_" }) -Path /mnt/ } }
        ) {
            $ErrorActionPreference = 'Continue'
            $all = @(& $Run 2>&1 3>$null)
            $err = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
            $mine = @($err | Where-Object { $_.Exception.Error.Code -eq $Code })
            $mine | Should -HaveCount 1
            Assert-ErrorRecord $mine[0] $Code New-MgwAddress InvalidArgument $Message $Target
            $mine[0].Exception.Error.Field | Should -Be $Field
            $mine[0].Exception.Error.Row | Should -BeNullOrEmpty
            $svc.Stats.Requests | Should -Be 0
        }

        It 'reports every problem of one definition at once, each naming its parameter' {
            $null = New-MgwAddress Bad_Name -Bucket Bad_Bucket -BucketRegion cn-beijing -Role r1 -Prefix /raw -ErrorVariable err -ErrorAction SilentlyContinue
            @($err.FullyQualifiedErrorId) | Should -Be @("InvalidAddressName,$CommandId", "InvalidBucketName,$CommandId", "InvalidPrefix,$CommandId")
            @($err.Exception.Error.Field) | Should -Be @('Name', 'Bucket', 'Prefix')
            $err[0].TargetObject | Should -Be 'Bad_Name'
        }

        It 'reports every problem at once in the <Set> set too, each naming its parameter, and sends nothing' -TestCases @(
            @{ Set = 'OssInventory'; Run = { New-MgwAddress I -InventoryBucket inv-b -InventoryPath /m.json -InventoryLocation s3 -InventoryRole r1 }
                Fields = @('InvalidAddressName Name', 'MissingValue InventoryDomain', 'MissingValue InventoryCredential', 'FieldNotUsed InventoryRole', 'InvalidPath InventoryPath') }
            @{ Set = 'ObjectStore'; Run = { New-MgwAddress S -Type S3 -Domain 'http://x/y' -Bucket 'a/b' -Credential $Key -Prefix '/a' }
                Fields = @('InvalidAddressName Name', 'InvalidBucketName Bucket', 'InvalidPrefix Prefix', 'InvalidDomain Domain') }
            @{ Set = 'FileSystem'; Run = { New-MgwAddress N -Agent 'A B', 'agent-1', 'agent-1' -Path 'mnt' -FileSystem Local }
                Fields = @('InvalidAddressName Name', 'InvalidPath Path', 'InvalidAgentName Agent', 'InvalidAgentName Agent') }
            @{ Set = 'UrlList'; Run = { New-MgwAddress U -UrlListBucket B_ -UrlListPath /l.txt -UrlListRegion 'x y' -UrlListRole 'r 1' }
                Fields = @('InvalidAddressName Name', 'InvalidBucketName UrlListBucket', 'InvalidRegion UrlListRegion', 'InvalidPath UrlListPath', 'InvalidRoleName UrlListRole') }
            @{ Set = 'Raw'; Run = { New-MgwAddress R -AddressType oss -Detail @{ Bucket = 'B_'; RegionId = 'z z'; Foo = 1 } }
                Fields = @('UnknownDetailField Foo', 'InvalidAddressName Name', 'MissingValue Role', 'InvalidBucketName Bucket', 'InvalidRegion BucketRegion') }
        ) {
            $ErrorActionPreference = 'Continue'
            $err = @(& $Run 2>&1)
            @($err | ForEach-Object { '{0} {1}' -f $_.Exception.Error.Code, $_.Exception.Error.Field }) | Should -Be $Fields
            @($err.CategoryInfo.Category | Select-Object -Unique) | Should -Be @('InvalidArgument')
            $svc.Stats.Requests | Should -Be 0
        }

        It 'warns about a region it does not know (UnknownRegion) and a type it does not know (UnknownAddressType)' {
            $a = New-MgwAddress oss-a -Bucket photos -BucketRegion cn-hangzhuo -Role r1 -WarningVariable warn -WarningAction SilentlyContinue
            "$warn" | Should -Be "-BucketRegion 'cn-hangzhuo' is not an OSS region MgwTools knows; it is sent as oss-cn-hangzhuo. Check the spelling (e.g. cn-beijing, ap-southeast-1). [UnknownRegion]"
            $a.Detail.RegionId | Should -Be 'oss-cn-hangzhuo'
            # The local service does not know the type either: its InvalidArgument is the row's error.
            $null = New-MgwAddress gopher-a -AddressType gopher -Detail @{ Bucket = 'b1' } -WarningVariable warn2 -WarningAction SilentlyContinue -ErrorVariable err -ErrorAction SilentlyContinue
            "$warn2" | Should -BeLike "Address type 'gopher' is not one MgwTools knows*[[]UnknownAddressType]"
            Assert-ErrorRecord $err[0] InvalidArgument New-MgwAddress InvalidArgument "AddressDetail/AddressType 'gopher' is not a supported address type." 'gopher-a'
            $err[0].Exception.Error.StatusCode | Should -Be 400
        }

        It 'refuses an AccessKey ID given alone in a row (InvalidValue), showing it masked' {
            $row = [pscustomobject]@{ Name = 's3-a'; Type = 'S3'; Bucket = 'b1'; Domain = 's3.amazonaws.com'; AccessId = 'AKIAIOSFODNN7EXAMPLE' }
            $null = $row | New-MgwAddress -ErrorVariable err -ErrorAction SilentlyContinue
            # The target is the row with the key ID hidden.
            Assert-ErrorRecord $err[0] InvalidValue New-MgwAddress InvalidArgument 'Row 1: AccessId cannot be given alone: the AccessKey ID comes with its secret in -Credential, a PSCredential whose user name is the ID and whose password is the secret.' $err[0].TargetObject
            $err[0].Exception.Error.Field | Should -Be 'Credential'
            $err[0].Exception.Error.Value | Should -Be 'AKIA*************PLE'
            $err[0].TargetObject.AccessId | Should -Be '(hidden)'
            $svc.Stats.Requests | Should -Be 0
        }

        It 'refuses text for a credential in a row, never showing it (PlainTextSecret)' {
            $row = [pscustomobject]@{ Name = 's3-a'; Type = 'S3'; Bucket = 'b1'; Domain = 's3.amazonaws.com'; Credential = 'plain-secret-value' }
            $null = $row | New-MgwAddress -ErrorVariable err -ErrorAction SilentlyContinue
            # The target is the row with the secret hidden (checked below).
            Assert-ErrorRecord $err[0] PlainTextSecret New-MgwAddress InvalidArgument 'Row 1: -Credential takes a PSCredential (user name = AccessKey ID, password = secret); the text given is not read*' $err[0].TargetObject
            $err[0].Exception.Error.Field | Should -Be 'Credential'
            ($err | Format-List * -Force | Out-String) + $err[0].Exception.Error.Value | Should -Not -Match 'plain-secret-value'
            $err[0].TargetObject.Credential | Should -Be '(hidden)'
            $err[0].TargetObject.Name | Should -Be 's3-a'
        }
    }

    Context 'a CSV of addresses' {
        It 'creates the good rows, tags the bad row''s errors with its row, and gives -Credential only to the rows that read a key' {
            $csv = Join-Path $RepoRoot 'docs/examples/addresses.csv'
            $out = Import-Csv $csv | New-MgwAddress -Credential $Key -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -HaveCount 8
            @($out.Row) | Should -Be @(1..8)
            ($out | Where-Object Name -EQ 's3-logs').AccessKeyId | Should -Be 'AKIA*************PLE'
            ($out | Where-Object Name -EQ 'oss-images').AccessKeyId | Should -BeNullOrEmpty
            ($out | Where-Object Name -EQ 'nas-src').Agents | Should -Be @('agent-hz-1', 'agent-hz-2')
            @($err.Exception.Error.Code) | Should -Be @('InvalidAddressName', 'MissingValue', 'InvalidBucketName', 'InvalidPrefix')
            @($err.Exception.Error.Row | Select-Object -Unique) | Should -Be @(9)
            $err[0].ErrorDetails.Message | Should -BeLike "Row 9: Address name 'Bad_Name' breaks*"
            $err[0].TargetObject.Name | Should -Be 'Bad_Name'
            $svc.GetAddresses() | Should -HaveCount 8
        }

        It 'creates a name used twice once (DuplicateAddressName, naming the first row)' {
            $rows = @(
                [pscustomobject]@{ Name = 'oss-a'; Type = 'oss'; Bucket = 'photos'; BucketRegion = 'cn-beijing'; Role = 'r1' }
                [pscustomobject]@{ Name = 'oss-a'; Type = 'oss'; Bucket = 'other'; BucketRegion = 'cn-beijing'; Role = 'r1' }
            )
            $out = $rows | New-MgwAddress -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -HaveCount 1
            Assert-ErrorRecord $err[0] DuplicateAddressName New-MgwAddress InvalidArgument "Row 2: Address name 'oss-a' was already used by row 1 of this input*" $rows[1]
            $err[0].Exception.Error.Field | Should -Be 'Name'
            $err[0].Exception.Error.Row | Should -Be 2
        }

        It 'returns identical addresses with -SkipExisting, reports ImportAddressSpecConflict when one differs, creates nothing twice' {
            $csv = Join-Path $RepoRoot 'docs/examples/addresses.csv'
            $null = Import-Csv $csv | New-MgwAddress -Credential $Key -ErrorAction SilentlyContinue
            $requests = $svc.Stats.Requests
            $again = Import-Csv $csv | New-MgwAddress -Credential $Key -SkipExisting -ErrorAction SilentlyContinue
            $again | Should -HaveCount 8
            $svc.Stats.Requests - $requests | Should -Be 8   # one GetAddress per good row, no CreateAddress
            $rows = Import-Csv $csv | Select-Object -First 3
            $rows[2].Prefix = 'other/'
            $out = $rows | New-MgwAddress -SkipExisting -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -HaveCount 2
            Assert-ErrorRecord $err[0] ImportAddressSpecConflict New-MgwAddress ResourceExists "Row 3: Address 'oss-images' already exists with a different definition (differs in: Prefix)*" $rows[2]
            $err[0].Exception.Error.Field | Should -Be 'Prefix'
            $err[0].Exception.Error.Row | Should -Be 3
        }
    }

    Context 'the service''s errors' {
        It 'ImportAddressAlreadyExist without -SkipExisting: ResourceExists' {
            $null = New-MgwAddress oss-a -Bucket photos -BucketRegion cn-beijing -Role r1
            $null = New-MgwAddress oss-a -Bucket photos -BucketRegion cn-beijing -Role r1 -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-ErrorRecord $err[0] ImportAddressAlreadyExist New-MgwAddress ResourceExists "The import address 'oss-a' already exists." 'oss-a'
            $err[0].Exception.Error.StatusCode | Should -Be 409
        }

        It 'ImportAddressNumExceed past the region''s quota: LimitsExceeded' {
            Stop-AllEmulators
            $svc = Start-MgwEmulator -MaxAddresses 1 -PassThru
            $null = New-MgwAddress oss-a -Bucket photos -BucketRegion cn-beijing -Role r1
            $null = New-MgwAddress oss-b -Bucket photos -BucketRegion cn-beijing -Role r1 -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-ErrorRecord $err[0] ImportAddressNumExceed New-MgwAddress LimitsExceeded 'The number of import addresses exceeds the limit of 1 per region.' 'oss-b'
            $svc.MaxAddresses | Should -Be 1
        }

        It 'stops the run at the first credential error (SignatureDoesNotMatch), sending no further row' {
            $wrong = Connect-Mgw -AccountId $svc.AccountId -Region $svc.Region -Endpoint $svc.Endpoint -AccessKeyId $svc.AccessKeyId `
                -AccessKeySecret (ConvertTo-SecureString 'wrong-secret-value' -AsPlainText -Force) -PassThru
            $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "oss-$_"; Type = 'oss'; Bucket = 'photos'; BucketRegion = 'cn-beijing'; Role = 'r1' } }
            $err = { $rows | New-MgwAddress -Context $wrong } | Should -Throw -PassThru
            Assert-ErrorRecord $err SignatureDoesNotMatch New-MgwAddress PermissionDenied 'Row 1: The request signature we calculated does not match the signature you provided. Check your AccessKey secret and signing method.*' $rows[0]
            $err.Exception.Error.Row | Should -Be 1
            $svc.Stats.Requests | Should -Be 1
        }

        It 'stops with NotConnected when there is no context' {
            Disconnect-Mgw
            $err = { New-MgwAddress oss-a -Bucket photos -BucketRegion cn-beijing -Role r1 } | Should -Throw -PassThru
            Assert-ErrorRecord $err NotConnected New-MgwAddress InvalidOperation '*Connect-Mgw*' $null
        }
    }
}
