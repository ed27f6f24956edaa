// DRP's error body (models.Error) and the helpers that write it and other replies the way
// gin does: compact JSON, `application/json; charset=utf-8`.

import type { ServerResponse } from 'node:http';

export interface DrpErrorBody {
  Model: string;
  Key: string;
  Type: string;
  Messages: string[];
  Code: number;
}

export function drpError(code: number, model: string, key: string, type: string, ...messages: string[]): DrpErrorBody {
  return { Model: model, Key: key, Type: type, Messages: messages, Code: code };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, headOnly = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(headOnly ? undefined : text);
}

/** gin's NoRoute answer; it runs without authentication because no route group matched. */
export function sendNoRoute(res: ServerResponse, method: string, path: string): void {
  sendJson(res, 404, drpError(404, '', path, method, 'No route'));
}
