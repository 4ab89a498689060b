export { default as SnsTopicEncryptedWithCmk } from './SnsTopicEncryptedWithCmk';
