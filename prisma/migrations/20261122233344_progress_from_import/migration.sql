-- AlterEnum
ALTER TYPE "Platform" ADD VALUE 'import';
