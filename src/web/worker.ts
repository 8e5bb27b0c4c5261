/**
 * The playground's language server: the same server as `rubric lsp`, in a
 * Web Worker over vscode-languageserver's browser transport, answering the
 * playground's own requests (protocol.ts) from the program it has analysed.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from "vscode-languageserver/browser.js";
import { startServer } from "../lsp/server.js";
import { annex, examples, rubrics, score, scoreFile } from "./answers.js";
import {
  ANNEX,
  EXAMPLES,
  PROGRESS,
  RUBRICS,
  SCORE,
  SCORE_FILE,
  type AnnexParams,
  type ScoreFileParams,
  type ScoreParams,
} from "./protocol.js";

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const server = startServer(connection, { lang: "zh" });
const program = () => server.workspace.snapshot().program;

connection.onRequest(EXAMPLES, () => examples(program()));
connection.onRequest(ANNEX, (p: AnnexParams) => annex(program(), p));
connection.onRequest(RUBRICS, () => rubrics(program()));
connection.onRequest(SCORE, (p: ScoreParams) => score(program(), p));
connection.onRequest(SCORE_FILE, (p: ScoreFileParams) =>
  scoreFile(program(), p, server.lang(), (done) => void connection.sendNotification(PROGRESS, { done })),
);
