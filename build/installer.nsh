; Kiosk Dịch vụ công — per-machine install: the kiosk's machine-wide folder and its ACL
; (electron-builder.yml nsis.include; main/startup/install-paths.ts says where the kiosk looks).
;
; %ProgramData%\KioskDVC holds the configuration, the data (encrypted), the keys and the logs.
; ProgramData itself lets every local user read; this folder does not inherit that: SYSTEM and
; Administrators have full control, the local group KioskDVC (the accounts that run the kiosk)
; may modify, and nobody else may even list it. SIDs, not names, for SYSTEM and Administrators:
; a Vietnamese Windows calls them differently.
;
; `/KIOSKUSER=<account>` on the installer's command line puts that account in the group
; (kiosk-dvc-x.y.z-win-x64.exe /S /KIOSKUSER=kiosk). The folder and the data stay on uninstall.
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!macro customInstall
  CreateDirectory "$COMMONAPPDATA\KioskDVC"
  CreateDirectory "$COMMONAPPDATA\KioskDVC\data"
  CreateDirectory "$COMMONAPPDATA\KioskDVC\data-keys"
  CreateDirectory "$COMMONAPPDATA\KioskDVC\logs"
  nsExec::ExecToLog 'net localgroup KioskDVC /add /comment:"Accounts that run Kiosk Dich vu cong"'
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/KIOSKUSER=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 != ""
    nsExec::ExecToLog 'net localgroup KioskDVC "$R1" /add'
  ${EndIf}
  nsExec::ExecToLog 'icacls "$COMMONAPPDATA\KioskDVC" /inheritance:r /grant:r "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-544:(OI)(CI)F" "KioskDVC:(OI)(CI)M" /T /C /Q'
!macroend
