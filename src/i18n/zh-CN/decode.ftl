### decode：`decode`：磁道、ATR、APDU、TLV/EMV 标签和 ISO 8583 域的解释。
### 消息 id 以 `decode-` 开头。见 docs/i18n.md。
