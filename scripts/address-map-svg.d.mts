export declare const PICTURE_COMMAND: readonly string[];
export declare function terminalSvg(command: readonly string[], text: string): string;
