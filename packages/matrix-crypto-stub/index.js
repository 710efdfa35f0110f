// Stand-in for @matrix-org/matrix-sdk-crypto-nodejs, mapped in by the "overrides"
// entry of the root package.json. The real package downloads a native binary in
// its postinstall step, which fails offline and on many machines; matrix-bot-sdk
// requires it at load time even when encryption is never used. This stub lets the
// SDK load and fails loudly, with a clear message, only if encryption is used.
const MESSAGE =
  "end-to-end encryption is not enabled in this build of virt-talks " +
  "(@matrix-org/matrix-sdk-crypto-nodejs is replaced by an in-repo stub); " +
  "invite the bot to unencrypted rooms only";

class EncryptionNotEnabledError extends Error {
  constructor() {
    super(MESSAGE);
    this.name = "EncryptionNotEnabledError";
  }
}

function unavailable(name) {
  // A class whose construction and static calls both throw the same clear error.
  const Stub = class {
    constructor() {
      throw new EncryptionNotEnabledError();
    }
  };
  Object.defineProperty(Stub, "name", { value: name });
  return new Proxy(Stub, {
    get(target, prop, receiver) {
      if (prop in target || typeof prop === "symbol") return Reflect.get(target, prop, receiver);
      return () => {
        throw new EncryptionNotEnabledError();
      };
    },
  });
}

const classes = [
  "OlmMachine",
  "UserId",
  "DeviceId",
  "RoomId",
  "DeviceLists",
  "Attachment",
  "EncryptedAttachment",
  "EncryptionSettings",
  "KeysClaimRequest",
  "KeysQueryRequest",
  "KeysUploadRequest",
  "RoomMessageRequest",
  "SignatureUploadRequest",
  "ToDeviceRequest",
];
for (const name of classes) exports[name] = unavailable(name);

// Enums the SDK may read as plain values; reading them is harmless.
exports.RequestType = Object.freeze({
  KeysUpload: 0,
  KeysQuery: 1,
  KeysClaim: 2,
  ToDevice: 3,
  SignatureUpload: 4,
  RoomMessage: 5,
  KeysBackup: 6,
});
exports.StoreType = Object.freeze({ Sled: 0, Sqlite: 1 });
exports.EncryptionAlgorithm = Object.freeze({ OlmV1Curve25519AesSha2: 0, MegolmV1AesSha2: 1 });
exports.EncryptionNotEnabledError = EncryptionNotEnabledError;
exports.ENCRYPTION_DISABLED_MESSAGE = MESSAGE;
