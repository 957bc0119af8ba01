### host：`host` 和主机客户端：收单行主机模拟器、签到、冲正。
### 消息 id 以 `host-` 开头。见 docs/i18n.md。
