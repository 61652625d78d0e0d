import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CallerGuard } from './caller.guard';

@Module({ providers: [{ provide: APP_GUARD, useClass: CallerGuard }] })
export class TenancyModule {}
