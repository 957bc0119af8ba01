### devices：读卡器驱动、`read` 和模拟器：设备状态与错误。
### 消息 id 以 `devices-` 开头。见 docs/i18n.md。
