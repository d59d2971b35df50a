# Build the Windows installer: PyInstaller bundle, then an MSI with the WiX Toolset v5.
#
#     powershell -ExecutionPolicy Bypass -File packaging\windows\build_msi.ps1 [-Python .venv\Scripts\python.exe]
#
# Needs: Python 3.11+ with `pip install -e ".[gui,bundle]"`, and the .NET SDK for the `wix` tool
# (`dotnet tool install --global wix --version 5.0.2`).  Writes dist\labeler\ and dist\labeler-<version>-x64.msi,
# then runs the bundle's self-test.  Sign both programs and the MSI with signtool when $env:SIGN_CERT_SHA1
# is set (the organisation's code-signing certificate, by thumbprint).
# UNTESTED: written and reviewed on Linux, never run here (docs/packaging.md).
param([string]$Python = ".venv\Scripts\python.exe")
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

& $Python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\labeler.spec
if ($LASTEXITCODE) { exit $LASTEXITCODE }
$version = & $Python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"

if ($env:SIGN_CERT_SHA1) {
  signtool sign /sha1 $env:SIGN_CERT_SHA1 /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 `
    dist\labeler\labeler.exe dist\labeler\labeler-gui.exe
  if ($LASTEXITCODE) { exit $LASTEXITCODE }
}

if (-not (Get-Command wix -ErrorAction SilentlyContinue)) {
  dotnet tool install --global wix --version 5.0.2
  $env:PATH += ";$env:USERPROFILE\.dotnet\tools"
}
$msi = "dist\labeler-$version-x64.msi"
wix build packaging\windows\labeler.wxs -arch x64 -d "Version=$version" -d "BundleDir=dist\labeler" `
  -d "IconFile=packaging\windows\labeler.ico" -o $msi
if ($LASTEXITCODE) { exit $LASTEXITCODE }
if ($env:SIGN_CERT_SHA1) {
  signtool sign /sha1 $env:SIGN_CERT_SHA1 /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 $msi
  if ($LASTEXITCODE) { exit $LASTEXITCODE }
}

& dist\labeler\labeler.exe --version
& dist\labeler\labeler.exe --self-test tests\data\lo-writer.docx
if ($LASTEXITCODE) { exit $LASTEXITCODE }
Write-Host "Built $msi"
