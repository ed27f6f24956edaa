// DRP log lines as events (Type "log", Action = level, Key = service), with the logger's
// object shape (digitalrebar/logger Line) and its Group/Seq counters. The audit line every
// Basic-auth request produces is copied from a real endpoint's (docs/protocol.md §5.7), field
// for field.

import { drpNow } from './drp-time';
import type { EventInput } from './event-frame';

export class LogLines {
  private group = 90;
  private seq = 40;

  /** The line `userAuth` logs for each Basic-authenticated request; its Principal is "". */
  audit(user: string): EventInput {
    return this.line('frontend', 'audit', '', '/src/frontend/frontend.go', 384, `Authenticated user ${user} from 127.0.0.1`);
  }

  line(service: string, level: string, principal: string, file: string, lineNo: number, message: string): EventInput {
    const object = {
      Group: this.group++,
      Seq: this.seq++,
      Time: drpNow(),
      Service: service,
      Principal: principal,
      Level: level,
      File: file,
      Line: lineNo,
      Message: message,
      Data: [],
      IgnorePublish: false,
    };
    return { Type: 'log', Action: level, Key: service, Principal: principal, Object: object, Original: null };
  }
}
